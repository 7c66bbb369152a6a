/**
 * How the monitor writes numbers: its own units and precision, in the user's locale through the
 * one LocaleFormat. `null` is a reading not taken yet and shows as "measuring", never as a zero.
 */
import type { MemoryReading, Percentiles } from '../../../workers/common/metrics.ts';
import { localeFormat } from '../format/locale-format.ts';

const fixed = (value: number, digits: number) => localeFormat.decimal(value, digits);

export const MEASURING = 'measuring';

export type CpuScale = 'core' | 'machine';

export function formatCpu(percentOfCore: number | null, scale: CpuScale, cores: number): string {
  if (percentOfCore === null) return MEASURING;
  const value = scale === 'core' ? percentOfCore : percentOfCore / Math.max(1, cores);
  return `${fixed(value, value < 10 ? 1 : 0)}%`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return MEASURING;
  if (ms < 1) return `${fixed(ms * 1000, 0)} µs`;
  if (ms < 10) return `${fixed(ms, 1)} ms`;
  if (ms < 10_000) return `${fixed(ms, 0)} ms`;
  return `${fixed(ms / 1000, 1)} s`;
}

export function formatCpuTime(ms: number | null): string {
  if (ms === null) return MEASURING;
  if (ms < 60_000) return `${fixed(ms / 1000, 2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}:${fixed((ms % 60_000) / 1000, 0).padStart(2, '0')} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${fixed(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${fixed(bytes / 1024, 0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${fixed(bytes / 1024 / 1024, bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  return `${fixed(bytes / 1024 / 1024 / 1024, 2)} GB`;
}

export function formatMemory(memory: MemoryReading | null): string {
  if (memory === null) return MEASURING;
  return `${formatBytes(memory.bytes)} ${memory.kind === 'rss' ? 'RSS' : 'heap'}`;
}

export function formatLatency(latency: Percentiles | null): string {
  if (latency === null) return MEASURING;
  const [p50, p95] = [formatMs(latency.p50), formatMs(latency.p95)];
  // "1.0 / 3.0 ms" when both share a unit, to keep the column narrow.
  const unit = p95.split(' ')[1];
  return p50.split(' ')[1] === unit ? `${p50.split(' ')[0]} / ${p95}` : `${p50} / ${p95}`;
}

export function formatCount(value: number | null, digits = 0): string {
  return value === null ? MEASURING : fixed(value, digits);
}
