/**
 * A benchmark child for scenario 9: one task alone under one host kind, in a fresh process, so
 * its memory is what this process and its one task process gained: idle (started) and loaded
 * (a document opened and checked, or typed into for keystroke).
 */
import type { HostKind, TaskId } from '../../workers/common/tasks.ts';
import { sampleDocument } from '../../workers/tasks/text/sample-document.ts';
import { childParams, runChild, toParent } from '../child-protocol.ts';
import type { Measurement } from '../results.ts';
import { fileLog } from './bench-host.ts';
import { hostTreeMemory, megabytes, type MemoryTotals } from './memory.ts';
import { startTask, type StartedTask } from './task-client.ts';

export interface MemoryRunParams {
  readonly task: TaskId;
  readonly kind: HostKind;
  readonly documentKb: number;
  readonly logFile: string;
}

const params = childParams<MemoryRunParams>();
const URI = 'bench:memory';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

async function total(): Promise<MemoryTotals> {
  const { host, children } = await hostTreeMemory();
  return { rssBytes: host.rssBytes + children.rssBytes, pssBytes: host.pssBytes + children.pssBytes };
}

/** Gives the task its document and its typical work, and waits until that is done. */
async function load(started: StartedTask<TaskId>, text: string): Promise<void> {
  const open = { uri: URI, version: 1, text, path: null };
  const api = started.api;
  switch (params.task) {
    case 'keystroke': {
      await api.open(open);
      const durable = new Promise<void>((resolve) => started.rpc.on('durable' as never, (event: { version: number }) => {
        if (event.version >= 201) resolve();
      }));
      for (let version = 2; version <= 201; version++) {
        void api.change({ uri: URI, version, edits: [{ offset: version, length: 0, text: 'x' }], keys: [{ kind: 'character', at: Date.now() }] } as never);
      }
      await durable;
      return;
    }
    case 'render':
      await api.open(open);
      await (api as StartedTask<'render'>['api']).render({ version: 1 });
      return;
    case 'spellcheck':
      await api.open(open);
      await (api as StartedTask<'spellcheck'>['api']).check({ version: 1 });
      return;
    case 'grammar':
      await api.open(open);
      await (api as StartedTask<'grammar'>['api']).check({ version: 1 });
      return;
  }
}

function rows(label: 'idle' | 'loaded', reading: MemoryTotals, baseline: MemoryTotals): Measurement[] {
  const column = `task as ${params.kind}`;
  return [
    { scenario: 9, row: `${params.task}, ${label}: RSS added`, column, value: megabytes(reading.rssBytes - baseline.rssBytes), unit: 'MB' },
    { scenario: 9, row: `${params.task}, ${label}: PSS added`, column, value: megabytes(reading.pssBytes - baseline.pssBytes), unit: 'MB' },
  ];
}

runChild(async () => {
  const log = fileLog(params.logFile);
  const baseline = await total();
  const started = await startTask(params.task, params.kind, log);
  try {
    await settle();
    const idle = await total();
    await load(started, sampleDocument(params.documentKb * 1024, 7));
    await settle();
    const loaded = await total();
    toParent({ type: 'measurements', items: [...rows('idle', idle, baseline), ...rows('loaded', loaded, baseline)] });
  } finally {
    await started.stop();
  }
});
