/**
 * `HostApi` over the host's core. A plain object with exactly the API's methods, because
 * `serveRpc` dispatches any own or prototype method by name: nothing else may be reachable.
 * Requests have passed the boundary validator (main/core/boundary) before they get here.
 */
import { Errors, ForkpadError } from '../../../workers/common/errors.ts';
import type { HostApi, IsolationRequest, TaskAction } from '../../../workers/common/host-api.ts';
import { PRESETS, type IsolationModel } from '../../../workers/common/tasks.ts';
import type { LessonService } from '../lesson/lesson-service.ts';
import type { TaskSupervisor } from '../supervisor/supervisor-api.ts';
import type { HostRuntime } from './host-core.ts';

function requireTasks(runtime: HostRuntime, what: string): TaskSupervisor {
  if (!runtime.supervisor) throw Errors.stopped('tasks', `this host runs without tasks (--no-tasks), so ${what} is not available`);
  return runtime.supervisor;
}

function requireLesson(runtime: HostRuntime): LessonService {
  if (!runtime.lesson) throw new ForkpadError('UnavailableError', 'UNAVAILABLE', 'This host was started without the lesson\'s measurements, so the claims stand without evidence here.');
  return runtime.lesson;
}

function modelFor(request: IsolationRequest, current: IsolationModel): IsolationModel {
  if ('preset' in request) {
    const preset = PRESETS.find((candidate) => candidate.id === request.preset);
    if (!preset) throw Errors.invalidInput('setIsolation', `unknown preset ${request.preset}`);
    return preset.model;
  }
  return { ...current, [request.task]: request.kind };
}

async function runAction(supervisor: TaskSupervisor, request: TaskAction): Promise<void> {
  switch (request.action) {
    case 'restart':
      return supervisor.restart(request.task);
    case 'end':
      return supervisor.end(request.task);
    case 'kill':
      return supervisor.kill(request.task);
    case 'fault':
      return supervisor.injectFault(request.task, request.fault);
  }
}

/** Isolation changes, one at a time, each from the model the previous one left. */
class IsolationSwitch {
  private readonly runtime: HostRuntime;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(runtime: HostRuntime) {
    this.runtime = runtime;
  }

  async switch(request: IsolationRequest): Promise<IsolationModel> {
    const supervisor = requireTasks(this.runtime, 'switching the isolation model');
    const next = this.queue.then(() => this.run(supervisor, request));
    this.queue = next.catch(() => undefined); // This caller gets the error; the next switch starts from the model as it is.
    return await next;
  }

  private async run(supervisor: TaskSupervisor, request: IsolationRequest): Promise<IsolationModel> {
    const { runtime } = this;
    const model = modelFor(request, supervisor.model);
    runtime.switching = true;
    runtime.stateChanged();
    let failure: Error | undefined;
    try {
      await supervisor.setModel(model);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    runtime.switching = false;
    // Announced and kept even after a failed switch: the tasks that did move are where the model says.
    runtime.emit('isolation', supervisor.model);
    await runtime.settings.update({ model: supervisor.model });
    if (failure !== undefined) throw failure;
    return supervisor.model;
  }
}

export function createHostApi(runtime: HostRuntime): HostApi {
  const { session, documents, settings } = runtime;
  const isolation = new IsolationSwitch(runtime);

  return {
    hello: () => runtime.hello(),
    change: (request) => session.change(request),
    resync: (request) => session.resync(request),
    setVisibleRange: ({ uri, range }) => session.setVisibleRange(uri, range),

    setIsolation: (request) => isolation.switch(request),

    taskAction: async (request) => runAction(requireTasks(runtime, 'task control'), request),

    async setSettings(patch) {
      const ui = { ...settings.current.ui, ...patch };
      if (patch.refreshMs !== undefined) runtime.supervisor?.setProbeInterval(patch.refreshMs);
      // The pool resizes live before the size is saved, so a size that fails to start is not kept.
      if (patch.grammarPoolSize !== undefined && runtime.supervisor) {
        const pool = await runtime.supervisor.setGrammarPoolSize(patch.grammarPoolSize);
        if (pool.effective < patch.grammarPoolSize) {
          const why = pool.reason ?? `this machine has ${pool.maxSize} cores`;
          runtime.emit('notice', { level: 'info', message: `Grammar runs ${pool.effective} host${pool.effective === 1 ? '' : 's'} of the ${patch.grammarPoolSize} asked for: ${why}.` });
        }
      }
      const saved = await settings.update({ ui });
      runtime.stateChanged();
      return saved.ui;
    },

    newDocument: (request) => documents.newDocument(request),
    open: (request) => documents.open(request),
    openRecent: (request) => documents.openRecent(request),
    save: (request) => documents.save(request),
    saveAs: (request) => documents.saveAs(request),
    listWorkspace: (request) => documents.list(request.path),

    suggest: async ({ word }) => requireTasks(runtime, 'spelling suggestions').client('spellcheck').suggest({ word }),

    async addToDictionary({ word }) {
      await requireTasks(runtime, 'the personal dictionary').client('spellcheck').addWord({ word });
      session.recheck('spellcheck');
    },

    async ignoreRule({ rule }) {
      const supervisor = requireTasks(runtime, 'ignoring grammar rules');
      const ignoredRules = [...new Set([...settings.current.ignoredRules, rule])];
      await settings.update({ ignoredRules });
      // The supervisor tells the live grammar host now, and every later one (moves, restarts) through its init.
      await supervisor.updateSettings({ ignoredRules });
      session.recheck('grammar');
    },

    measureLesson: (request, signal) => requireLesson(runtime).measure(request, signal),
  };
}
