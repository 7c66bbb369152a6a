/**
 * A small `TaskSupervisor` for testing the session and the host core without threads or
 * processes: each task is an in-memory object that mirrors the document with the real
 * `VersionedDocument` (so a missed or reordered change fails as it would in a task), and moves
 * and restarts prime a fresh object through the session's real `Primer` before swapping it in.
 */
import { VersionedDocument, type DocumentChange } from '../../workers/common/document.ts';
import { Errors } from '../../workers/common/errors.ts';
import type { MetricsSnapshot } from '../../workers/common/metrics.ts';
import type { Client } from '../../workers/common/rpc.ts';
import type { Fault, KeystrokeChange, OpenRequest, RecoveredDocument, TaskApi, TaskSettings } from '../../workers/common/task-api.ts';
import { TASK_IDS, type HostKind, type IsolationModel, type TaskId } from '../../workers/common/tasks.ts';
import type { GrammarPoolInfo, Primer, TaskStatus, TaskSupervisor } from '../../main/core/supervisor/supervisor-api.ts';

type Handler = (payload: never) => void;

export interface FakeOptions {
  readonly primer: Primer;
  /** What keystroke's `recover` answers. */
  readonly journals?: readonly RecoveredDocument[];
  /** How long each check takes, per task. */
  readonly checkMs?: Partial<Record<TaskId, number>>;
  /** Delay before keystroke reports a change durable; null holds every ack back. */
  readonly durableMs?: number | null;
}

/** One host of one task: the document it mirrors and every call it received. */
export class FakeHost {
  readonly task: TaskId;
  readonly kind: HostKind;
  readonly generation: number;
  document: VersionedDocument | undefined;
  readonly calls: { method: string; request: unknown }[] = [];
  opens: OpenRequest[] = [];
  alive = true;
  /** Silently loses the next change, so the one after is out of sync. */
  dropNextChange = false;

  constructor(task: TaskId, kind: HostKind, generation: number) {
    this.task = task;
    this.kind = kind;
    this.generation = generation;
  }

  open(request: OpenRequest): void {
    this.opens.push(request);
    this.document = new VersionedDocument(request);
  }

  change(change: DocumentChange): void {
    if (this.dropNextChange) {
      this.dropNextChange = false;
      return;
    }
    if (!this.document) throw Errors.invalidInput('change', 'no document is open');
    this.document.apply(change);
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(Errors.cancelled('check', String(signal.reason)));
    });
  });
}

export class FakeSupervisor implements TaskSupervisor {
  model: IsolationModel = { keystroke: 'inline', render: 'inline', spellcheck: 'inline', grammar: 'inline' };
  readonly hosts = new Map<TaskId, FakeHost>();
  readonly settingsUpdates: TaskSettings[] = [];
  readonly faults: { task: TaskId; fault: Fault }[] = [];
  private readonly options: FakeOptions;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly statusHandlers = new Set<(status: TaskStatus) => void>();
  private readonly metricsHandlers = new Set<(snapshot: MetricsSnapshot) => void>();
  private generation = 0;
  private readonly waiting = new Map<TaskId, ((host: FakeHost) => void)[]>();
  readonly personalWords = new Set<string>();
  ignoredRules: readonly string[] = [];
  probeIntervalMs = 0;

  constructor(options: FakeOptions) {
    this.options = options;
  }

  host(task: TaskId): FakeHost {
    const host = this.hosts.get(task);
    if (!host) throw new Error(`no host for ${task}`);
    return host;
  }

  async start(model: IsolationModel): Promise<void> {
    this.model = model;
    await Promise.all(TASK_IDS.map((task) => this.replaceHost(task, model[task])));
  }

  client<T extends TaskId>(task: T): Client<TaskApi<T>> {
    return this.clientOf(task, () => this.hosts.get(task));
  }

  on<T extends TaskId, K extends string>(task: T, name: K, handler: (payload: never) => void): () => void {
    const key = `${task}:${name}`;
    const set = this.handlers.get(key) ?? new Set();
    this.handlers.set(key, set);
    set.add(handler);
    return () => set.delete(handler);
  }

  emit(task: TaskId, name: string, payload: unknown): void {
    for (const handler of this.handlers.get(`${task}:${name}`) ?? []) handler(payload as never);
  }

  async setModel(model: IsolationModel): Promise<void> {
    for (const task of TASK_IDS) if (model[task] !== this.model[task]) await this.move(task, model[task]);
  }

  async move(task: TaskId, kind: HostKind): Promise<void> {
    await this.replaceHost(task, kind);
    this.model = { ...this.model, [task]: kind };
  }

  restart(task: TaskId): Promise<void> {
    return this.replaceHost(task, this.model[task]);
  }

  async end(task: TaskId): Promise<void> {
    this.host(task).alive = false;
    this.setStatus(task, 'stopped');
    await Promise.resolve();
  }

  async kill(task: TaskId): Promise<void> {
    this.host(task).alive = false;
    this.setStatus(task, 'crashed');
    await this.restart(task);
  }

  async injectFault(task: TaskId, fault: Fault): Promise<void> {
    this.faults.push({ task, fault });
    await Promise.resolve();
  }

  /** As the real supervisor does: recorded for later hosts, and sent to the running grammar host. */
  async updateSettings(settings: TaskSettings): Promise<void> {
    this.settingsUpdates.push(settings);
    await this.client('grammar').setIgnoredRules({ rules: settings.ignoredRules });
  }

  /** The fake runs one grammar host; the pool's size is only recorded. */
  grammarPoolRequested = 1;

  setGrammarPoolSize(size: number): Promise<GrammarPoolInfo> {
    this.grammarPoolRequested = Math.max(1, Math.min(2, size));
    return Promise.resolve(this.grammarPool());
  }

  /** The fake keeps no spare hosts. */
  warmStandby(): HostKind | null {
    return null;
  }

  grammarPool(): GrammarPoolInfo {
    const kind = this.model.grammar;
    return { requested: this.grammarPoolRequested, effective: 1, maxSize: 2, reason: null, replicas: [{ replica: 0, kind, state: 'ready', pid: null, restarts: 0 }] };
  }

  status(): readonly TaskStatus[] {
    return TASK_IDS.map((task) => ({ task, kind: this.model[task], state: this.hosts.get(task)?.alive ? 'ready' : 'stopped', restarts: 0, lastError: null }));
  }

  onStatus(handler: (status: TaskStatus) => void): () => void {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }

  latestMetrics(): MetricsSnapshot | null {
    return null;
  }

  metricsHistory(): readonly MetricsSnapshot[] {
    return [];
  }

  /** Pushes a metrics snapshot to subscribers, as the probes would. */
  publishMetrics(snapshot: MetricsSnapshot): void {
    for (const handler of this.metricsHandlers) handler(snapshot);
  }

  onMetrics(handler: (snapshot: MetricsSnapshot) => void): () => void {
    this.metricsHandlers.add(handler);
    return () => this.metricsHandlers.delete(handler);
  }

  setProbeInterval(ms: number): void {
    this.probeIntervalMs = ms;
  }

  async dispose(): Promise<void> {
    for (const host of this.hosts.values()) host.alive = false;
    await Promise.resolve();
  }

  /** Starts a new host, primes it through the session's primer, then swaps it in. */
  private async replaceHost(task: TaskId, kind: HostKind): Promise<void> {
    this.generation += 1;
    const fresh = new FakeHost(task, kind, this.generation);
    this.setStatus(task, 'starting');
    await this.options.primer(task, this.clientOf(task, () => fresh));
    const old = this.hosts.get(task);
    if (old) old.alive = false;
    this.hosts.set(task, fresh);
    for (const wake of this.waiting.get(task)?.splice(0) ?? []) wake(fresh);
    this.setStatus(task, 'ready');
  }

  private firstHost(task: TaskId): Promise<FakeHost> {
    return new Promise((resolve) => {
      const list = this.waiting.get(task) ?? [];
      this.waiting.set(task, list);
      list.push(resolve);
    });
  }

  private setStatus(task: TaskId, state: TaskStatus['state']): void {
    const status: TaskStatus = { task, kind: this.model[task], state, restarts: 0, lastError: null };
    for (const handler of this.statusHandlers) handler(status);
  }

  private clientOf<T extends TaskId>(task: T, current: () => FakeHost | undefined): Client<TaskApi<T>> {
    return new Proxy({} as Client<TaskApi<T>>, {
      get: (_target, method) => async (request: unknown, options?: { signal?: AbortSignal }) => {
        // As the real supervisor's client: a call made before the task's first host is up waits for it.
        const host = current() ?? (await this.firstHost(task));
        if (!host.alive && this.hosts.get(task) === host) throw Errors.stopped(task, 'it was ended');
        await Promise.resolve(); // Answers arrive later, as over a real channel.
        host.calls.push({ method: String(method), request });
        return this.answer(host, String(method), request, options?.signal);
      },
    });
  }

  private async answer(host: FakeHost, method: string, request: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    const doc = () => host.document ?? new VersionedDocument({ uri: '', version: 0, text: '' });
    switch (method) {
      case 'open':
      case 'compact':
        return host.open(request as OpenRequest);
      case 'change': {
        host.change(request as DocumentChange);
        if (host.task === 'keystroke') this.scheduleDurable(host, request as KeystrokeChange);
        return undefined;
      }
      case 'render':
      case 'check': {
        await delay(this.options.checkMs?.[host.task] ?? 0, signal);
        const { uri, version, text } = doc();
        if (host.task === 'render') return { uri, version, blocks: [], outline: [], words: text.split(/\s+/).filter(Boolean).length, characters: text.length, paragraphs: 1, readingMinutes: 0, renderedBlocks: 0 };
        const issues = [...text.matchAll(/\bteh\b/g)].filter((match) => !this.personalWords.has(match[0])).map((match) => ({ start: match.index, end: match.index + match[0].length, word: match[0] }));
        return host.task === 'spellcheck' ? { uri, version, issues, checkedLines: 1 } : { uri, version, issues: [], paragraphs: { total: 1, linted: 1, cached: 0 } };
      }
      case 'stats':
        return { keystrokes: host.calls.filter((call) => call.method === 'change').length, charactersPerMinute: 0, wordsPerMinute: 0, burst: 0, backspaceRatio: 0, ackLatency: null };
      case 'recover':
        return this.options.journals ?? [];
      case 'addWord':
        this.personalWords.add((request as { word: string }).word);
        return undefined;
      case 'suggest':
        return { word: (request as { word: string }).word, suggestions: ['the'], truncated: false };
      case 'setIgnoredRules':
        this.ignoredRules = (request as { rules: readonly string[] }).rules;
        return undefined;
      default:
        return undefined;
    }
  }

  private scheduleDurable(host: FakeHost, change: KeystrokeChange): void {
    const ms = this.options.durableMs === undefined ? 5 : this.options.durableMs;
    if (ms === null) return;
    setTimeout(() => {
      if (host.alive) this.emit('keystroke', 'durable', { uri: change.uri, version: change.version, at: Date.now() });
    }, ms);
  }
}
