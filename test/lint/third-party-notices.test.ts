/**
 * LICENSE and THIRD_PARTY_NOTICES.md: the notices file is what `npm run notices` makes from the
 * installed packages (so adding a dependency without regenerating it fails here), and it credits
 * what the issue names: the nspell method in suggest.ts, the dictionary, harper's WASM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { taskAssets } from '../../main/core/task-assets.ts';
import { NOTICES_FILE, renderNotices, shippedPackages } from '../../scripts/third-party-notices.ts';

const root = join(import.meta.dirname, '../..');
const committed = readFileSync(join(root, NOTICES_FILE), 'utf8');

describe('licence and third-party notices', () => {
  it('Forkpad is MIT-licensed', () => {
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License/);
    expect(license).toMatch(/Permission is hereby granted, free of charge/);
  });

  it('the committed notices are up to date with node_modules (run npm run notices)', () => {
    expect(committed).toBe(renderNotices(root));
  });

  it('lists every production dependency and the bundled renderer packages, each with licence text', () => {
    const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const names = shippedPackages(root).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining([...Object.keys(own.dependencies), 'monaco-editor', 'uplot', 'marked', 'dompurify']));
    for (const entry of shippedPackages(root)) {
      expect(entry.licenseFiles.length, `${entry.name} has a licence file`).toBeGreaterThan(0);
      expect(committed).toContain(`### ${entry.name} ${entry.version}: ${entry.license}`);
    }
  });

  it('credits the adapted nspell method, the dictionary and the WASM file', () => {
    expect(readFileSync(join(root, 'workers/tasks/spellcheck/suggest.ts'), 'utf8')).toMatch(/nspell 2\.1\.5's suggest\.js, MIT/);
    expect(committed).toMatch(/workers\/tasks\/spellcheck\/suggest\.ts`\s+follows the suggestion method of nspell/);
    expect(committed).toMatch(/Copyright \(c\) 2016 Titus Wormer/);
    expect(committed).toMatch(/SCOWL/);
    expect(committed).toMatch(/harper_wasm_bg\.wasm[\s\S]*Apache License 2\.0/);
    expect(committed).toMatch(/Apache License\s+Version 2\.0, January 2004/);
  });

  it('names every file the tasks load (main/core/task-assets.ts) under the data shipped as files, with its package and licence', () => {
    const section = committed.slice(committed.indexOf('## Data and WebAssembly shipped as files'), committed.indexOf('## The Electron runtime'));
    const licences = new Map(shippedPackages(root).map((entry) => [entry.name, entry.license]));
    for (const path of Object.values(taskAssets) as string[]) {
      const [, name, file] = (/node_modules[\\/]([^\\/]+)[\\/](.+)$/.exec(path) ?? []) as (string | undefined)[];
      expect(name, path).toBeDefined();
      const entry = section.split('\n- ').find((item) => item.startsWith(`**${name ?? ''}**`)) ?? '';
      expect(entry, `${name ?? path} is credited`).toContain((file ?? '').split(/[\\/]/).pop() ?? path);
      expect(entry, `${name ?? path} names its licence`).toContain(licences.get(name ?? '') ?? 'a licence');
    }
  });
});

