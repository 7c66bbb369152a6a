/** The runner's side of a scratch host: fork it, start its tasks, call them, end it. */
import { Errors } from '../../../workers/common/errors.ts';
import type { ProcessExit } from '../hosts/process-spawner.ts';
import { createRpcClient, type Client } from '../../../workers/common/rpc.ts';
import { forkLessonChild, type LessonChild } from './lesson-child.ts';
import type { LessonPlaces, ScratchApi, ScratchTask } from './lesson-protocol.ts';
import { describeExit } from './measured-hosts.ts';

export interface Scratch {
  readonly child: LessonChild;
  readonly api: Client<ScratchApi>;
  /** Whether it has exited. */
  gone(): boolean;
  stop(): Promise<ProcessExit>;
}

/** Long enough for grammar inline over the blocking claim's document on a busy machine. */
const CALL_TIMEOUT_MS = 120_000;

export async function startScratch(places: LessonPlaces, tasks: readonly ScratchTask[], log: (line: string) => void): Promise<Scratch> {
  const child = forkLessonChild(places.lessonEntry, 'scratch', log);
  const rpc = createRpcClient<ScratchApi>(child.port, { label: child.label, log, defaultTimeoutMs: CALL_TIMEOUT_MS });
  let gone = false;
  void child.exited.then((exit) => {
    gone = true;
    rpc.close(Errors.hostGone(child.label, describeExit(exit)));
  });
  const scratch: Scratch = {
    child,
    api: rpc.api,
    gone: () => gone,
    stop: () => {
      child.kill();
      return child.exited;
    },
  };
  try {
    await rpc.api.start({ ...places, tasks });
  } catch (error) {
    await scratch.stop();
    throw error;
  }
  return scratch;
}
