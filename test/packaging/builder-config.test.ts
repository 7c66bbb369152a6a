/**
 * The packaging config (package.json "build"), checked without the Electron binary that
 * `npm run dist` would need and cannot download here: it is valid against electron-builder's own
 * JSON schema, every file it names exists, and its asarUnpack globs match exactly the files the
 * tasks read by path at run time. It reads the build in out/: `npm test` runs `npm run build`
 * before the unit project; run alone, this file builds first when out/ is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import { minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { ICON_PNG, LINUX_ICON_FOLDER, LINUX_ICON_SIZES, linuxIconFile } from '../../scripts/packaging/make-icons.ts';

const root = join(import.meta.dirname, '../..');
const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; build: BuilderConfig };
const config = own.build;

interface BuilderConfig {
  readonly appId: string;
  readonly productName: string;
  readonly directories: { readonly buildResources: string; readonly output: string };
  readonly files: readonly string[];
  readonly asar: boolean;
  readonly asarUnpack: readonly string[];
  readonly afterPack: string;
  readonly icon: string;
  readonly linux: { readonly target: readonly string[]; readonly icon: string };
  readonly mac: { readonly target: readonly string[] };
  readonly win: { readonly target: readonly string[] };
}

function validator(): (candidate: unknown) => string[] {
  const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
  // The schema names formats ajv does not know; they constrain nothing Forkpad sets.
  const ajv = new Ajv({ allErrors: true, unknownFormats: 'ignore' });
  const validate = ajv.compile(schema);
  return (candidate) => (validate(candidate) ? [] : (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message ?? ''}`));
}

function filesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/**
 * What the built host reads by path: electron-vite emits each `?asset` import
 * (main/core/task-assets.ts) as `join(import.meta.dirname, "./<file>")` in the chunk that holds it.
 */
function assetsTheBuildReads(): string[] {
  const found = new Set<string>();
  for (const file of filesUnder('out/main').filter((path) => path.endsWith('.js'))) {
    const folder = file.slice(0, file.lastIndexOf('/'));
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(/join\$?\d*\(import\.meta\.dirname, "\.\/([^"]+)"\)/g)) {
      found.add(`${folder}/${match[1] ?? ''}`);
    }
  }
  return [...found].sort();
}

beforeAll(() => {
  if (existsSync(join(root, 'out/main/index.js'))) return;
  execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
}, 180_000);

describe('packaging config', () => {
  it('is valid against electron-builder’s schema, and the schema does refuse a wrong one', () => {
    const validate = validator();
    expect(validate(config)).toEqual([]);
    expect(validate({ ...config, asarUnpak: config.asarUnpack }).join()).toMatch(/additional properties/);
    expect(validate({ ...config, asar: 'yes' }).length).toBeGreaterThan(0);
  });

  it('builds Forkpad for every desktop: AppImage and deb, dmg, nsis, from `npm run dist`', () => {
    expect(config.productName).toBe('Forkpad');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.asar).toBe(true);
    expect(own.scripts.dist).toMatch(/electron-vite build && electron-builder/);
  });

  it('names only files that exist: the icons, the hook, the build resources and the built app', () => {
    for (const file of [config.icon, config.afterPack, ICON_PNG, ...LINUX_ICON_SIZES.map(linuxIconFile)]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
    expect(config.linux.icon).toBe(LINUX_ICON_FOLDER);
    expect(statSync(join(root, config.directories.buildResources)).isDirectory()).toBe(true);
    // electron-builder makes the .icns and .ico from a PNG of at least 512 px: read its IHDR.
    const png = readFileSync(join(root, config.icon));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    const everything = [...filesUnder('out'), 'package.json', 'LICENSE', 'THIRD_PARTY_NOTICES.md'].filter((file) => existsSync(join(root, file)));
    for (const pattern of config.files) {
      expect(everything.filter((file) => minimatch(file, pattern)).length, pattern).toBeGreaterThan(0);
    }
    for (const entry of ['out/main/index.js', 'out/main/task-thread.js', 'out/main/task-process.js', 'out/main/lesson-host.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(config.files.some((pattern) => minimatch(entry, pattern)), entry).toBe(true);
    }
    // The packages must not be packed into themselves on a second run.
    expect(config.files.some((pattern) => minimatch(`${config.directories.output}/Forkpad.AppImage`, pattern))).toBe(false);
  });

  it('unpacks from the asar exactly the files the tasks read by path: harper’s WASM, the dictionary, the word list', () => {
    const read = assetsTheBuildReads();
    expect(read.map((file) => file.slice(file.lastIndexOf('.')))).toEqual(expect.arrayContaining(['.wasm', '.aff', '.dic', '.json']));
    expect(read).toHaveLength(4);
    for (const file of read) expect(existsSync(join(root, file)), file).toBe(true);
    const unpacked = filesUnder('out').filter((file) => config.asarUnpack.some((pattern) => minimatch(file, pattern)));
    expect(unpacked.sort()).toEqual(read);
  });
});
