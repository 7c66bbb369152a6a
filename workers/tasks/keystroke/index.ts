/**
 * The keystroke task's entry for every host kind: typing statistics and the durable journal.
 */
import type { TaskFactory } from '../../common/task-api.ts';
import { createKeystrokeService } from './keystroke-task.ts';

export const createTask: TaskFactory<'keystroke'> = async (context) => {
  const service = await createKeystrokeService({
    dataDir: context.init.dataDir,
    emitDurable: (payload) => context.emit('durable', payload),
    log: (line) => context.log(line),
  });
  // Commits what is queued and closes the journals' files: an inline host that is moved away or
  // killed would otherwise leave them open (one descriptor per journal) until garbage collection.
  context.onStop?.(() => service.store.close());
  return service.api;
};
