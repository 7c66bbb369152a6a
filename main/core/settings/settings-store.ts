/**
 * Settings kept across restarts, as `settings.json` in the data folder: the isolation model,
 * panel visibility, theme, monitor refresh, grammar pool size, ignored grammar rules and whether the
 * welcome document was shown. The file is untrusted
 * input: each field is checked on its own, so one bad field falls back to its default without
 * losing the others, and a corrupt file yields defaults and a notice, never a crash.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UiSettings } from '../../../workers/common/host-api.ts';
import { isHostKind, PRESETS, TASK_IDS, type IsolationModel } from '../../../workers/common/tasks.ts';
import { writeFileAtomic } from '../../../workers/node/atomic-write.ts';

export interface StoredSettings {
  readonly model: IsolationModel;
  readonly ui: UiSettings;
  /** Grammar rules the user chose to ignore. */
  readonly ignoredRules: readonly string[];
  /** The welcome document was shown once: later launches open on an empty document. */
  readonly welcomed: boolean;
}

export const SETTINGS_FILE = 'settings.json';
const MAX_IGNORED_RULES = 500;
const MAX_RULE_LENGTH = 200;
const MAX_FILE_BYTES = 1024 * 1024;

const MIX = PRESETS.find((preset) => preset.id === 'mix');
if (!MIX) throw new Error('The "mix" isolation preset is missing from workers/common/tasks.ts');

export const DEFAULT_SETTINGS: StoredSettings = {
  // The notes' mix by default: interactive tasks on threads, heavy checking in processes.
  model: MIX.model,
  ui: { previewVisible: true, monitorVisible: false, theme: 'system', refreshMs: 1000, grammarPoolSize: 1 },
  ignoredRules: [],
  welcomed: false,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseModel(value: unknown, problems: string[]): IsolationModel {
  if (isRecord(value) && TASK_IDS.every((task) => isHostKind(value[task]))) {
    return Object.fromEntries(TASK_IDS.map((task) => [task, value[task]])) as unknown as IsolationModel;
  }
  if (value !== undefined) problems.push('the isolation model');
  return DEFAULT_SETTINGS.model;
}

function parseUi(value: unknown, problems: string[]): UiSettings {
  const ui = isRecord(value) ? value : {};
  if (value !== undefined && !isRecord(value)) problems.push('the view settings');
  const pick = <K extends keyof UiSettings>(key: K, valid: (candidate: unknown) => boolean): UiSettings[K] => {
    if (ui[key] === undefined) return DEFAULT_SETTINGS.ui[key];
    if (valid(ui[key])) return ui[key] as UiSettings[K];
    problems.push(`"${key}"`);
    return DEFAULT_SETTINGS.ui[key];
  };
  return {
    previewVisible: pick('previewVisible', (candidate) => typeof candidate === 'boolean'),
    monitorVisible: pick('monitorVisible', (candidate) => typeof candidate === 'boolean'),
    theme: pick('theme', (candidate) => candidate === 'system' || candidate === 'light' || candidate === 'dark'),
    refreshMs: pick('refreshMs', (candidate) => Number.isSafeInteger(candidate) && (candidate as number) >= 250 && (candidate as number) <= 5000),
    // Saved on a machine with more cores it may exceed this one's: the supervisor clamps it.
    grammarPoolSize: pick('grammarPoolSize', (candidate) => Number.isSafeInteger(candidate) && (candidate as number) >= 1 && (candidate as number) <= 1024),
  };
}

function parseRules(value: unknown, problems: string[]): readonly string[] {
  if (value === undefined) return [];
  const valid =
    Array.isArray(value) &&
    value.length <= MAX_IGNORED_RULES &&
    value.every((rule) => typeof rule === 'string' && rule.length > 0 && rule.length <= MAX_RULE_LENGTH);
  if (valid) return [...new Set(value as string[])];
  problems.push('the ignored grammar rules');
  return [];
}

function parseWelcomed(value: unknown, problems: string[]): boolean {
  if (value === undefined || typeof value === 'boolean') return value === true;
  // Unreadable: say so, and do not greet again a user who has been here before.
  problems.push('"welcomed"');
  return true;
}

/** Settings from parsed JSON, with a list of what was wrong (and replaced by its default). */
export function parseSettings(raw: unknown): { settings: StoredSettings; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(raw)) return { settings: DEFAULT_SETTINGS, problems: ['the file is not a JSON object'] };
  const settings = {
    model: parseModel(raw.model, problems),
    ui: parseUi(raw.ui, problems),
    ignoredRules: parseRules(raw.ignoredRules, problems),
    welcomed: parseWelcomed(raw.welcomed, problems),
  };
  return { settings, problems };
}

export class SettingsStore {
  private settings: StoredSettings;
  private readonly file: string;
  /** Writes run one after another, so an older state never lands after a newer one. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(file: string, settings: StoredSettings) {
    this.file = file;
    this.settings = settings;
  }

  /** Loads the settings of `dataDir`; `notice` says what was wrong with the file, if anything. */
  static async load(dataDir: string): Promise<{ store: SettingsStore; notice?: string }> {
    const file = join(dataDir, SETTINGS_FILE);
    let text: string;
    try {
      const bytes = await readFile(file);
      if (bytes.length > MAX_FILE_BYTES) throw new Error(`it is ${bytes.length} bytes`);
      text = bytes.toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { store: new SettingsStore(file, DEFAULT_SETTINGS) };
      return { store: new SettingsStore(file, DEFAULT_SETTINGS), notice: `Settings could not be read (${(error as Error).message}); using defaults.` };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { store: new SettingsStore(file, DEFAULT_SETTINGS), notice: `Settings file ${file} is not valid JSON (${(error as Error).message}); using defaults.` };
    }
    const { settings, problems } = parseSettings(raw);
    const store = new SettingsStore(file, settings);
    return problems.length === 0 ? { store } : { store, notice: `Settings: ${problems.join(', ')} in ${file} were invalid and reset to defaults.` };
  }

  get current(): StoredSettings {
    return this.settings;
  }

  /** Applies `patch` and writes the file; resolves once it is on disk. */
  update(patch: Partial<StoredSettings>): Promise<StoredSettings> {
    this.settings = { ...this.settings, ...patch };
    const snapshot = this.settings;
    const write = this.writing.then(() => writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify(snapshot, null, 2)}\n`)));
    this.writing = write.catch(() => undefined); // The caller of this update gets the error; later writes still run.
    return write.then(() => snapshot);
  }
}
