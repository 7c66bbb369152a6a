/**
 * Task hosts a lesson runner starts for measuring: the product's own host kinds and entries
 * (createHostFactory, the same as the supervisor's), without a supervisor around them, so
 * nothing restarts, primes or re-routes them. Every host opened here is stopped by `stopAll`.
 */
import { Errors } from '../../../workers/common/errors.ts';
import { decodeRpcMessage } from '../../../workers/common/rpc-messages.ts';
import { createRpcClient, type Client } from '../../../workers/common/rpc.ts';
import type { SharedDocumentBuffers } from '../../../workers/common/shared-document/layout.ts';
import { RACE_EVENT, type RaceCounts } from '../../../workers/common/race-counts.ts';
import type { ReadyInfo, TaskApi, TaskInit } from '../../../workers/common/task-api.ts';
import { hostLabel, type HostKind, type TaskId } from '../../../workers/common/tasks.ts';
import { LOG_EVENT, type HostControlApi } from '../../../workers/entry/host-control.ts';
import { loadRegisteredTask } from '../../../workers/tasks/registry.ts';
import { forkSpawner } from '../hosts/fork-spawner.ts';
import { CopyMeter, linkDocument } from '../supervisor/document-link.ts';
import { createHostFactory, defaultLimits, type HostFactory } from '../hosts/host-factory.ts';
import type { HostExit, TaskHost } from '../hosts/task-host.ts';
import { procfsProcessMetrics } from '../probes/process-metrics.ts';
import type { LessonPlaces } from './lesson-protocol.ts';

/** Long enough for grammar over the parallelism claim's document on a busy machine. */
const CALL_TIMEOUT_MS = 120_000;

export interface MeasuredHost<T extends TaskId> {
  readonly host: TaskHost;
  readonly label: string;
  /** The task's API and the control methods, typed together. */
  readonly api: Client<TaskApi<T> & HostControlApi>;
  /** The control methods alone (callable before `start`). */
  readonly control: Client<HostControlApi>;
  /** Settles once the host is gone. */
  readonly exited: Promise<HostExit>;
  /** The document bytes it was sent, counted as the monitor's Copied column counts them. */
  readonly copies: CopyMeter;
  /** Listens to the race fault's live tally (RACE_EVENT); returns the unsubscribe. */
  onRace(handler: (counts: RaceCounts) => void): () => void;
  /** Whether the host is gone. */
  gone(): boolean;
  start(): Promise<ReadyInfo>;
  /** Kills the host (terminate or SIGKILL) and waits until it is gone. */
  stop(): Promise<void>;
}

export function describeExit(exit: HostExit): string {
  return exit.kind === 'clean' ? 'exited cleanly' : exit.reason;
}

export class MeasuredHosts {
  private readonly places: LessonPlaces;
  private readonly log: (line: string) => void;
  private readonly spawn: HostFactory;
  private readonly open = new Set<MeasuredHost<TaskId>>();

  constructor(places: LessonPlaces, log: (line: string) => void) {
    this.places = places;
    this.log = log;
    this.spawn = createHostFactory({
      entries: places.entries,
      loadInline: loadRegisteredTask,
      spawner: forkSpawner({ log }),
      processMetrics: procfsProcessMetrics(),
      limits: defaultLimits,
      log,
    });
  }

  /** `document`: a shared document the task reads in place (a thread or inline host only). */
  init(task: TaskId, document?: SharedDocumentBuffers): TaskInit {
    return { task, dataDir: this.places.dataDir, assets: this.places.assets, settings: { ignoredRules: [] }, ...(document ? { document } : {}) };
  }

  /**
   * Spawns a host of `kind` for `task` without starting the task (its control methods answer).
   * With `document`, the task is given it to read in place, as the session gives a thread host.
   */
  spawnHost<T extends TaskId>(task: T, kind: HostKind, document?: SharedDocumentBuffers): MeasuredHost<T> {
    if (document && kind === 'process') throw new Error('a process host cannot be given shared memory');
    const host = this.spawn(task, kind);
    const label = hostLabel(task, kind, { pid: host.pid, ...(host.threadId === null ? {} : { threadId: host.threadId }) });
    // The session's own link: a host given the shared document is sent no text, others copies.
    const copies = new CopyMeter();
    const port = linkDocument(host.port, task, document !== undefined, copies);
    const rpc = createRpcClient<TaskApi<T> & HostControlApi, { [RACE_EVENT]: RaceCounts }>(port, { label, log: this.log, defaultTimeoutMs: CALL_TIMEOUT_MS });
    host.port.listen((raw) => {
      const message = decodeRpcMessage(raw);
      // The RPC client reports malformed messages; task log lines leave under the host's label.
      if (!('invalid' in message) && message.type === 'event' && message.name === LOG_EVENT) this.log(`${label} ${String(message.payload)}`);
    });
    let exit: HostExit | null = null;
    const exited = new Promise<HostExit>((resolve) => host.onExit((how) => {
      exit = how;
      rpc.close(Errors.hostGone(label, describeExit(how)));
      resolve(how);
    }));
    const control = rpc.api as unknown as Client<HostControlApi>;
    const measured: MeasuredHost<T> = {
      host,
      label,
      api: rpc.api,
      control,
      exited,
      copies,
      onRace: (handler) => rpc.on(RACE_EVENT, handler),
      gone: () => exit !== null,
      start: () => control.start(this.init(task, document)),
      stop: async () => {
        host.kill();
        await exited;
        this.open.delete(measured);
      },
    };
    this.open.add(measured);
    return measured;
  }

  /** Spawns and starts: resolves once the task is ready. */
  async startHost<T extends TaskId>(task: T, kind: HostKind, document?: SharedDocumentBuffers): Promise<MeasuredHost<T>> {
    const measured = this.spawnHost(task, kind, document);
    await measured.start();
    return measured;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.open].map((measured) => measured.stop()));
  }
}
