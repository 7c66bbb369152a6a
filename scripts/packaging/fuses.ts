/**
 * The Electron fuses Forkpad ships with, per Electron's security checklist ("Fuses"): switches
 * compiled into the binary that no command line or environment can turn back on.
 * Pure, so test/packaging/fuses.test.ts checks every setting without an Electron binary.
 */
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export type ElectronPlatform = 'darwin' | 'mas' | 'win32' | 'linux';

export function forkpadFuses(platform: ElectronPlatform): FuseV1Config {
  // electron-builder embeds the asar's hash (Info.plist on macOS, a resource on Windows) before
  // signing; Electron checks it only on those systems, so on Linux the fuse would promise nothing.
  const integrity = platform !== 'linux';
  return {
    version: FuseVersion.V1,
    // An unsigned arm64 macOS build needs its ad-hoc signature redone once the binary changes.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    // ELECTRON_RUN_AS_NODE turns the app into a plain Node that runs any script, so the checklist
    // turns it off. Forkpad cannot yet: The Lesson's runner and scratch hosts, and the process hosts
    // they measure, are child_process forks (main/core/lesson/lesson-child.ts, fork-spawner.ts),
    // and a fork of the Electron binary is Node only through this switch. Off once they start
    // with utilityProcess; until then NODE_OPTIONS and --inspect stay off, so the switch runs only
    // the scripts inside the (integrity-checked) asar that Forkpad itself forks.
    [FuseV1Options.RunAsNode]: true,
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS and --inspect would let another program inject code into the main process.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: integrity,
    // Otherwise a folder named app/ beside app.asar would be loaded in its place.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The renderer is served from forkpad://app/ (main/electron/renderer-origin.ts), never file://.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}
