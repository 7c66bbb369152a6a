/**
 * The afterPack hook's pure part: which fuses each platform's binary gets (scripts/packaging/fuses.ts).
 */
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { forkpadFuses, type ElectronPlatform } from '../../scripts/packaging/fuses.ts';

const PLATFORMS: readonly ElectronPlatform[] = ['darwin', 'mas', 'win32', 'linux'];

describe('Electron fuses', () => {
  it.each(PLATFORMS)('%s: running as Node kept for The Lesson\'s forks; no NODE_OPTIONS or --inspect, cookies encrypted, app only from the asar', (platform) => {
    const fuses = forkpadFuses(platform);
    expect(fuses.version).toBe(FuseVersion.V1);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(true);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('validates the asar’s embedded hash where Electron checks it (macOS, Windows), not on Linux', () => {
    expect(PLATFORMS.map((platform) => forkpadFuses(platform)[FuseV1Options.EnableEmbeddedAsarIntegrityValidation])).toEqual([true, true, true, false]);
  });

  it('redoes the ad-hoc signature only on macOS, whose arm64 binaries refuse to start with a stale one', () => {
    expect(PLATFORMS.map((platform) => forkpadFuses(platform).resetAdHocDarwinSignature)).toEqual([true, true, false, false]);
  });

  it('leaves the V8 snapshot and WASM trap handler fuses at Electron’s defaults', () => {
    const fuses = forkpadFuses('linux');
    expect(fuses[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBeUndefined();
    expect(fuses[FuseV1Options.WasmTrapHandlers]).toBeUndefined();
  });
});
