import { describe, expect, it } from 'vitest';
import { ASSET_LIMITS, type AssetLoad } from '../../../workers/common/asset-loads.ts';
import { AssetTally, parseAssetLoad } from './asset-tally.ts';

const PENDING: AssetLoad = { name: 'word frequencies', state: 'pending', when: 'loads on first suggestion' };
const LOADED: AssetLoad = { name: 'word frequencies', state: 'loaded', loadMs: 212.5, fileBytes: 3_611_586, memory: { bytes: 30_000_000, measure: 'heap-growth' }, reused: false };
const DICTIONARY: AssetLoad = { name: 'dictionary', state: 'loaded', loadMs: 250, fileBytes: 554_848, memory: null, reused: true };
const FAILED: AssetLoad = { name: 'harper', state: 'failed', loadMs: 3, error: 'harper could not load /x.wasm: ENOENT' };

describe('parseAssetLoad', () => {
  it('keeps each well-formed state as it was sent', () => {
    for (const load of [PENDING, LOADED, DICTIONARY, FAILED]) expect(parseAssetLoad(load)).toEqual(load);
    // A collection during the parse can make heap growth negative: still a reading, shown as such.
    const negative = { ...LOADED, memory: { bytes: -1_000, measure: 'heap-growth' } };
    expect(parseAssetLoad(negative)).toEqual(negative);
  });

  it('rebuilds the record from its known fields only', () => {
    expect(parseAssetLoad({ ...PENDING, extra: 'x'.repeat(10_000) })).toEqual(PENDING);
    expect(parseAssetLoad({ ...FAILED, error: 'e'.repeat(10_000) })).toEqual({ ...FAILED, error: 'e'.repeat(ASSET_LIMITS.textLength) });
  });

  it.each([
    ['not an object', 'loaded'],
    ['null', null],
    ['no name', { ...LOADED, name: undefined }],
    ['an empty name', { ...LOADED, name: '' }],
    ['a name too long', { ...LOADED, name: 'n'.repeat(ASSET_LIMITS.nameLength + 1) }],
    ['an unknown state', { ...LOADED, state: 'loading' }],
    ['pending without when', { name: 'x', state: 'pending' }],
    ['a negative load time', { ...LOADED, loadMs: -1 }],
    ['an infinite load time', { ...LOADED, loadMs: Number.POSITIVE_INFINITY }],
    ['a load time as text', { ...LOADED, loadMs: '212' }],
    ['fractional bytes read', { ...LOADED, fileBytes: 1.5 }],
    ['negative bytes read', { ...LOADED, fileBytes: -1 }],
    ['memory without bytes', { ...LOADED, memory: { measure: 'heap-growth' } }],
    ['an unknown measure', { ...LOADED, memory: { bytes: 1, measure: 'rss' } }],
    ['negative WASM memory', { ...LOADED, memory: { bytes: -1, measure: 'wasm-memory' } }],
    ['memory left out', { ...LOADED, memory: undefined }],
    ['reused as a number', { ...LOADED, reused: 1 }],
    ['failed without an error', { ...FAILED, error: '' }],
    ['failed without a time', { ...FAILED, loadMs: null }],
  ])('ignores a report with %s', (_what, payload) => {
    expect(parseAssetLoad(payload)).toBeNull();
  });
});

describe('AssetTally', () => {
  it('keeps each host its own reports, the latest per asset, in the order first named', () => {
    const tally = new AssetTally();
    const host = {};
    expect(tally.of(host)).toBeNull();
    tally.record(host, PENDING);
    tally.record(host, DICTIONARY);
    tally.record(host, LOADED);
    expect(tally.of(host)).toEqual([LOADED, DICTIONARY]);
  });

  it('shows nothing of one host for another: a replacing host reports afresh', () => {
    const tally = new AssetTally();
    const old = {};
    const replacement = {};
    tally.record(old, LOADED);
    expect(tally.of(replacement)).toBeNull();
    tally.record(replacement, PENDING);
    // The old host's late report changes only its own record.
    tally.record(old, FAILED);
    expect(tally.of(replacement)).toEqual([PENDING]);
    expect(tally.of(null)).toBeNull();
  });

  it('ignores a malformed report and keeps what was there', () => {
    const tally = new AssetTally();
    const host = {};
    tally.record(host, LOADED);
    tally.record(host, { ...LOADED, loadMs: 'soon' });
    tally.record(host, { name: 'x' });
    expect(tally.of(host)).toEqual([LOADED]);
  });

  it('keeps at most a bounded number of assets per host, and still updates the known ones', () => {
    const tally = new AssetTally();
    const host = {};
    for (let index = 0; index < ASSET_LIMITS.assetsPerHost + 5; index += 1) tally.record(host, { ...PENDING, name: `asset ${index}` });
    expect(tally.of(host)).toHaveLength(ASSET_LIMITS.assetsPerHost);
    tally.record(host, { ...LOADED, name: 'asset 0' });
    expect(tally.of(host)?.[0]).toEqual({ ...LOADED, name: 'asset 0' });
  });
});
