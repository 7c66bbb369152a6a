/**
 * The window's size and position, remembered across runs. What was saved is untrusted (the file
 * may be edited, or the monitor it was on unplugged), so it is validated and fitted to the
 * displays that exist now; anything unusable falls back to a centred default.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as v from 'valibot';
import { writeFileAtomic } from '../../workers/node/atomic-write.ts';
import { MIN_WINDOW_SIZE } from './window-options.ts';

export interface WindowState {
  /** Absent: let Electron centre the window. */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** A display's work area (the screen minus task bars and docks), in screen coordinates. */
export interface WorkArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };

/** How much of the window's top edge must lie on some display for the user to grab it. */
const GRAB_WIDTH = 100;
const GRAB_HEIGHT = 32;

const coordinate = v.pipe(v.number(), v.safeInteger(), v.minValue(-100_000), v.maxValue(100_000));
const size = v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(100_000));
const savedSchema = v.object({
  x: v.optional(coordinate),
  y: v.optional(coordinate),
  width: size,
  height: size,
  maximized: v.optional(v.boolean(), false),
});

/** The saved state if it has the right shape, else undefined. */
export function parseWindowState(raw: unknown): WindowState | undefined {
  const result = v.safeParse(savedSchema, raw);
  if (!result.success) return undefined;
  const { x, y, width, height, maximized } = result.output;
  return x === undefined || y === undefined ? { width, height, maximized } : { x, y, width, height, maximized };
}

function overlap(a: WorkArea, b: WorkArea): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Fits `state` to `workAreas`: no smaller than the minimum, no larger than the largest display,
 * and positioned only if its title bar can still be grabbed on some display.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly WorkArea[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((area) => area.width));
  const maxHeight = Math.max(...workAreas.map((area) => area.height));
  const width = Math.min(Math.max(state.width, MIN_WINDOW_SIZE.width), Math.max(maxWidth, MIN_WINDOW_SIZE.width));
  const height = Math.min(Math.max(state.height, MIN_WINDOW_SIZE.height), Math.max(maxHeight, MIN_WINDOW_SIZE.height));
  if (state.x === undefined || state.y === undefined) return { width, height, maximized: state.maximized };
  const titleBar: WorkArea = { x: state.x, y: state.y, width, height: GRAB_HEIGHT };
  const grabbable = workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= Math.min(GRAB_WIDTH, width) && shared.height >= GRAB_HEIGHT;
  });
  return grabbable ? { x: state.x, y: state.y, width, height, maximized: state.maximized } : { width, height, maximized: state.maximized };
}

/** Reads and writes the state as a small JSON file in the app's data folder. */
export class WindowStateStore {
  readonly path: string;
  private readonly log: (line: string) => void;

  constructor(path: string, log: (line: string) => void = (line) => console.warn(line)) {
    this.path = path;
    this.log = log;
  }

  /** The saved state, or the default when there is none or it is unusable (said in the log). */
  async load(workAreas: readonly WorkArea[]): Promise<WindowState> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.path, 'utf8'));
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') this.log(`[window state] ignoring ${this.path}: ${String(error)}`);
      return fitToDisplays(DEFAULT_WINDOW_STATE, workAreas);
    }
    const saved = parseWindowState(raw);
    if (!saved) this.log(`[window state] ignoring ${this.path}: not a window state`);
    return fitToDisplays(saved ?? DEFAULT_WINDOW_STATE, workAreas);
  }

  /** Writes atomically, so a crash mid-write leaves the old state. */
  async save(state: WindowState): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(state)}\n`);
  }
}
