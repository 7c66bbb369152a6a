/**
 * Scenario 6's control: harper.js alone in a bare Node process, with no Forkpad code at all (no
 * task host, no RPC, no checker, no cache). The pool run forks N of these the way Forkpad's
 * process spawner forks a grammar host and sends each the same paragraphs a Forkpad replica
 * lints, so N of them against one is the speedup this machine allows harper's own work: the
 * ceiling for Forkpad's pool, measured in the same run.
 *
 * Messages in: `{ type: 'lint', units: string[] }`. Out: `{ type: 'ready', cpuMs }` once harper
 * is set up, `{ type: 'linted', lints, cpuMs }` per request, `{ type: 'failed', error }` on any error.
 */
import { readFile } from 'node:fs/promises';
import { createBinaryModuleFromUrl, LocalLinter } from 'harper.js';

export type BareRequest = { readonly type: 'lint'; readonly units: readonly string[] };
export type BareReply =
  | { readonly type: 'ready'; readonly cpuMs: number }
  | { readonly type: 'linted'; readonly lints: number; readonly cpuMs: number }
  | { readonly type: 'failed'; readonly error: string };

function send(reply: BareReply): void {
  process.send?.(reply);
}

/** The process's CPU time so far, every thread (as a host's `usage()` reads it), ms. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function setUp(wasmPath: string): Promise<LocalLinter> {
  // Loaded as the grammar task loads it: the file's bytes behind a blob: URL, spelling off.
  const bytes = await readFile(wasmPath);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/wasm' }));
  const binary = createBinaryModuleFromUrl(url, 'full');
  await binary.setup();
  const linter = new LocalLinter({ binary });
  await linter.setup();
  const config = await linter.getLintConfig();
  await linter.setLintConfig({ ...config, SpellCheck: false });
  return linter;
}

/** Lints each unit as the grammar task does (Markdown, grouped by rule) and frees every lint. */
async function lintAll(linter: LocalLinter, units: readonly string[]): Promise<number> {
  let lints = 0;
  for (const unit of units) {
    const groups = await linter.organizedLints(unit, { language: 'markdown' });
    for (const group of Object.values(groups)) {
      for (const lint of group) {
        lints += 1;
        lint.free();
      }
    }
  }
  return lints;
}

async function main(): Promise<void> {
  const wasmPath = process.argv[2];
  if (!wasmPath || !process.send) throw new Error('bare-harper needs the WebAssembly path and an IPC channel');
  const linter = await setUp(wasmPath);
  process.on('message', (message: BareRequest) => {
    lintAll(linter, message.units).then(
      (lints) => send({ type: 'linted', lints, cpuMs: cpuMs() }),
      (error: unknown) => send({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The parent ends this process by closing the channel.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', cpuMs: cpuMs() });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
