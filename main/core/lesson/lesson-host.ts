/**
 * Entry point of the lesson's child processes, built as out/main/lesson-host.js. One entry, two
 * roles (from the environment): a runner that measures a claim, or a scratch host that runs tasks
 * on its main thread for a runner to crash and to block.
 */
import { processParentPort } from '../../../workers/entry/process-port.ts';
import { LESSON_ROLE_ENV } from './lesson-protocol.ts';

// The parent gone (its IPC closed) or asking politely: nothing here is worth finishing.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

const role = process.env[LESSON_ROLE_ENV];
const port = processParentPort();
if (role === 'runner') {
  const { serveRunner } = await import('./runner.ts');
  serveRunner(port);
} else if (role === 'scratch') {
  const { serveScratch } = await import('./scratch.ts');
  serveScratch(port);
} else {
  process.stderr.write(`lesson host ${process.pid}: ${LESSON_ROLE_ENV} must be runner or scratch, not ${String(role)}\n`);
  process.exit(2);
}
