/**
 * electron-builder's afterPack hook (package.json "build.afterPack"): flips Forkpad's fuses
 * (fuses.ts) in the packed binary before it is signed. electron-builder's own
 * `addElectronFuses` finds the binary for each platform and calls @electron/fuses' flipFuses;
 * the hook only decides what to flip. Node 24 runs this TypeScript file directly.
 */
import type { AfterPackContext } from 'electron-builder';
import { forkpadFuses, type ElectronPlatform } from './fuses.ts';

export default async function afterPack(context: AfterPackContext): Promise<void> {
  await context.packager.addElectronFuses(context, forkpadFuses(context.electronPlatformName as ElectronPlatform));
}
