/**
 * The host core with the real supervisor and the four real tasks (threads and forked processes
 * from source): typed text comes back as spelling, grammar and preview results for the final
 * version, isolation switches while typing lose nothing, and a restart restores unsaved work.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../main/core/files/workspace.ts';
import { sourceEntryPaths } from '../../main/core/hosts/entry-paths.ts';
import { forkSpawner } from '../../main/core/hosts/fork-spawner.ts';
import { createHostCore, type HostCore } from '../../main/core/host-service/host-core.ts';
import { taskAssets } from '../../main/core/task-assets.ts';
import { createTaskSupervisor } from '../../main/core/supervisor/task-supervisor.ts';
import type { HostEvents } from '../../workers/common/host-api.ts';
import type { GrammarResult, RenderResult, SpellResult } from '../../workers/common/task-api.ts';
import { PRESETS } from '../../workers/common/tasks.ts';
import { loadRegisteredTask } from '../../workers/tasks/registry.ts';
import { waitFor } from './web-client.ts';

let root: string;
let dataDir: string;
const logs: string[] = [];
const signal = new AbortController().signal;

async function startCore(): Promise<{ core: HostCore; events: { name: keyof HostEvents; payload: unknown }[] }> {
  const log = (line: string) => logs.push(line);
  const core = await createHostCore({
    platform: 'web',
    dataDir,
    files: await Workspace.open(join(root, 'workspace'), [dataDir]),
    log,
    createSupervisor: ({ primer, taskSettings, document }) =>
      createTaskSupervisor({ document, entries: sourceEntryPaths(), loadInline: loadRegisteredTask, primer, dataDir, assets: taskAssets, settings: taskSettings, spawner: forkSpawner({ log }), log }),
  });
  const events: { name: keyof HostEvents; payload: unknown }[] = [];
  core.attach((name, payload) => events.push({ name, payload }));
  await core.ready;
  return { core, events };
}

function typeText(core: HostCore, text: string): void {
  for (const char of text) {
    core.session.change({ uri: core.session.uri, version: core.session.version + 1, edits: [{ offset: core.session.text.length, length: 0, text: char }], keys: [{ kind: 'character', at: Date.now() }] });
  }
}

const latest = <T>(events: { name: string; payload: unknown }[], name: string): T | undefined =>
  events.filter((event) => event.name === name).at(-1)?.payload as T | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'forkpad-real-tasks-'));
  dataDir = join(root, 'data');
  await mkdir(join(root, 'workspace'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('host core with the real tasks', () => {
  it('checks typed text in every task, keeps it through live isolation switches, and restores it after a restart', async () => {
    const { core, events } = await startCore();
    const text = 'Teh quick brown fox jumps over an lazy dog.\n\n# Heading\n';
    try {
      typeText(core, text.slice(0, 20));
      for (const preset of PRESETS) {
        const switching = core.api.setIsolation({ preset: preset.id }, signal);
        typeText(core, text.slice(20 + PRESETS.indexOf(preset) * 9, 20 + (PRESETS.indexOf(preset) + 1) * 9));
        await switching;
      }
      typeText(core, text.slice(20 + PRESETS.length * 9));
      expect(core.session.text).toBe(text);
      const final = core.session.version;
      await waitFor(() => latest<SpellResult>(events, 'spelling')?.version === final, 30_000, 'spelling of the final version');
      await waitFor(() => latest<GrammarResult>(events, 'grammar')?.version === final, 30_000, 'grammar of the final version');
      await waitFor(() => latest<RenderResult>(events, 'preview')?.version === final, 30_000, 'preview of the final version');
      await waitFor(() => events.some((event) => event.name === 'durable' && (event.payload as { version: number }).version === final), 10_000, 'durable');
      expect(latest<SpellResult>(events, 'spelling')?.issues.map((issue) => issue.word)).toEqual(['Teh']);
      const grammar = latest<GrammarResult>(events, 'grammar');
      const anAt = text.indexOf(' an ') + 1;
      expect(grammar?.issues.some((issue) => issue.start <= anAt && issue.end >= anAt + 2)).toBe(true);
      expect(latest<RenderResult>(events, 'preview')?.outline).toEqual([{ level: 1, text: 'Heading', line: 2 }]);
      expect(core.supervisor?.model).toEqual(PRESETS.at(-1)?.model);
    } finally {
      await core.dispose();
    }
    const again = await startCore();
    try {
      const hello = await again.core.api.hello(null, signal);
      expect(hello.document.text).toBe(text);
      expect(hello.document.dirty).toBe(true);
      expect(hello.restored).toMatch(/Restored unsaved changes to an untitled document/);
      expect(hello.model).toEqual(PRESETS.at(-1)?.model);
    } finally {
      await again.core.dispose();
    }
  }, 120_000);
});
