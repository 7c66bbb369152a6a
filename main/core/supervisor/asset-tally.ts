/**
 * The data files each task host loaded (ASSET_EVENT), as that host last reported them, for the
 * monitor's samples. Kept per host, not per task: the samples show the serving host's, so a host
 * that replaced another (a move, a restart, a warm spare taking over) shows only what it loaded
 * itself, and a report from a host that no longer serves is never shown as the task's. A warm
 * spare's reports are kept too: it loads while it waits, and they are its row's until it serves.
 */
import { ASSET_LIMITS, type AssetLoad, type AssetMemory } from '../../../workers/common/asset-loads.ts';

const MEASURES: readonly AssetMemory['measure'][] = ['heap-growth', 'wasm-memory'];

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function textOf(value: unknown, limit: number): string | null {
  return typeof value === 'string' && value !== '' ? value.slice(0, limit) : null;
}

/** A memory figure: bytes may be negative for heap growth (a collection ran during the parse). */
function memoryOf(value: unknown): AssetMemory | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object') return undefined;
  const { bytes, measure } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(bytes) || !MEASURES.includes(measure as AssetMemory['measure'])) return undefined;
  if ((bytes as number) < 0 && measure !== 'heap-growth') return undefined;
  return { bytes: bytes as number, measure: measure as AssetMemory['measure'] };
}

/**
 * A host's report, checked field by field and rebuilt from the fields it may carry: it crossed a
 * thread or process boundary as plain data. Anything malformed is null, and ignored.
 */
export function parseAssetLoad(value: unknown): AssetLoad | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  // A name is the asset's identity: one too long is refused, not cut.
  const name = typeof record.name === 'string' && record.name !== '' && record.name.length <= ASSET_LIMITS.nameLength ? record.name : null;
  if (name === null) return null;
  switch (record.state) {
    case 'pending': {
      const when = textOf(record.when, ASSET_LIMITS.textLength);
      return when === null ? null : { name, state: 'pending', when };
    }
    case 'loaded': {
      const memory = memoryOf(record.memory);
      const { loadMs, fileBytes, reused } = record;
      if (!isDuration(loadMs) || !Number.isSafeInteger(fileBytes) || (fileBytes as number) < 0 || memory === undefined || typeof reused !== 'boolean') return null;
      return { name, state: 'loaded', loadMs, fileBytes: fileBytes as number, memory, reused };
    }
    case 'failed': {
      const error = textOf(record.error, ASSET_LIMITS.textLength);
      return !isDuration(record.loadMs) || error === null ? null : { name, state: 'failed', loadMs: record.loadMs, error };
    }
    default:
      return null;
  }
}

export class AssetTally {
  /** Weak: a host that is gone takes its reports with it. */
  private readonly byHost = new WeakMap<object, Map<string, AssetLoad>>();

  /** `host` reported `payload`: it replaces that host's earlier report of the same asset. */
  record(host: object, payload: unknown): void {
    const load = parseAssetLoad(payload);
    if (!load) return;
    const loads = this.byHost.get(host) ?? new Map<string, AssetLoad>();
    if (!loads.has(load.name) && loads.size >= ASSET_LIMITS.assetsPerHost) return;
    loads.set(load.name, load);
    this.byHost.set(host, loads);
  }

  /** What `host` reported, in the order it first named each asset; null when it reported none. */
  of(host: object | null): readonly AssetLoad[] | null {
    const loads = host ? this.byHost.get(host) : undefined;
    return loads ? [...loads.values()] : null;
  }
}
