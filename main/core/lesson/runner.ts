/**
 * A lesson runner: a child process of the host that measures one claim with hosts of its own and
 * answers with the figures and the verdict. It runs apart from the host so the measuring never
 * disturbs the user's tasks: its threads' memory is its own, its busy loops are on its own main
 * thread, and killing it (cancel, over budget, host gone) ends everything it started.
 */
import { Errors } from '../../../workers/common/errors.ts';
import { isClaimId } from '../../../workers/common/lesson.ts';
import type { Port } from '../../../workers/common/rpc-messages.ts';
import { serveRpc } from '../../../workers/common/rpc.ts';
import { MEASURE_CLAIM } from './claims/index.ts';
import type { RunnerApi, RunnerEvents, RunnerRequest } from './lesson-protocol.ts';

/** The runner's parent is the host core, but a request is still checked before it is trusted. */
function checkRequest(request: RunnerRequest): RunnerRequest {
  const candidate = request as Partial<RunnerRequest> | null;
  if (!candidate || !isClaimId(candidate.claim)) throw Errors.invalidInput('lesson runner request', 'unknown claim');
  if (candidate.scale !== 'full' && candidate.scale !== 'quick') throw Errors.invalidInput('lesson runner request', 'scale must be full or quick');
  if (typeof candidate.dataDir !== 'string' || typeof candidate.lessonEntry !== 'string' || !candidate.entries || !candidate.assets) {
    throw Errors.invalidInput('lesson runner request', 'entries, lesson entry, assets and data folder are required');
  }
  return request;
}

export function serveRunner(port: Port): void {
  const label = `[lesson runner pid=${process.pid}]`;
  const log = (line: string) => console.error(line);
  const server = serveRpc<RunnerApi, RunnerEvents>(
    port,
    {
      measure: (request, signal) => {
        const { claim, scale, ...places } = checkRequest(request);
        log(`measuring ${claim} (${scale})`);
        const progress = (fraction: number, what: string) => server.emit('progress', { fraction: Math.min(1, Math.max(0, fraction)), label: what });
        return MEASURE_CLAIM[claim]({ places, scale, signal, log, progress });
      },
    },
    { label, log },
  );
}
