/**
 * The four tasks of the OS notes' text-editor example, the three kinds of host that can run
 * them, and the isolation models that assign one to the other.
 */

/** A unit of work that runs beside the editor. */
export type TaskId = 'keystroke' | 'render' | 'spellcheck' | 'grammar';

/** What runs a task: the host's main thread, its own worker thread, or its own OS process. */
export type HostKind = 'inline' | 'thread' | 'process';

export const TASK_IDS: readonly TaskId[] = ['keystroke', 'render', 'spellcheck', 'grammar'];
export const HOST_KINDS: readonly HostKind[] = ['inline', 'thread', 'process'];

/** An isolation model maps every task to the kind of host that runs it. */
export type IsolationModel = Readonly<Record<TaskId, HostKind>>;

/** The presets of the Isolation menu. */
export type PresetId = 'inline' | 'threads' | 'processes' | 'mix';

export interface Preset {
  readonly id: PresetId;
  /** Menu label. */
  readonly label: string;
  readonly model: IsolationModel;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'inline',
    label: 'Single Thread (All Inline)',
    model: { keystroke: 'inline', render: 'inline', spellcheck: 'inline', grammar: 'inline' },
  },
  {
    id: 'threads',
    label: 'Worker Threads',
    model: { keystroke: 'thread', render: 'thread', spellcheck: 'thread', grammar: 'thread' },
  },
  {
    id: 'processes',
    label: 'Processes',
    model: { keystroke: 'process', render: 'process', spellcheck: 'process', grammar: 'process' },
  },
  {
    id: 'mix',
    label: "The Notes' Mix",
    model: { keystroke: 'thread', render: 'thread', spellcheck: 'process', grammar: 'process' },
  },
];

/** The preset a model equals, or undefined for a custom model. */
export function presetOf(model: IsolationModel): PresetId | undefined {
  return PRESETS.find((preset) => TASK_IDS.every((task) => preset.model[task] === model[task]))?.id;
}

export function isTaskId(value: unknown): value is TaskId {
  return typeof value === 'string' && (TASK_IDS as readonly string[]).includes(value);
}

export function isHostKind(value: unknown): value is HostKind {
  return typeof value === 'string' && (HOST_KINDS as readonly string[]).includes(value);
}

export function isPresetId(value: unknown): value is PresetId {
  return PRESETS.some((preset) => preset.id === value);
}

/** Log prefix naming a task and its host, e.g. `[grammar process pid=1234]`. */
export function hostLabel(task: TaskId, kind: HostKind, id?: { pid?: number; threadId?: number }): string {
  const where =
    kind === 'thread' && id?.threadId !== undefined
      ? ` tid=${id.threadId}`
      : kind !== 'thread' && id?.pid !== undefined
        ? ` pid=${id.pid}`
        : '';
  return `[${task} ${kind}${where}]`;
}
