/**
 * Memory of a process and its task children, read from /proc. RSS counts every page a process
 * has resident, shared ones in full (each Node process maps the same binary); PSS divides shared
 * pages among their sharers, so PSS totals add up to what the machine really spends.
 */
import { readdir, readFile } from 'node:fs/promises';

export interface MemoryTotals {
  readonly rssBytes: number;
  readonly pssBytes: number;
}

async function readKb(path: string, field: RegExp): Promise<number> {
  try {
    const match = field.exec(await readFile(path, 'utf8'));
    return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0; // The process ended between listing and reading: it holds no memory any more.
  }
}

export async function processMemory(pid: number): Promise<MemoryTotals> {
  const [rssBytes, pssBytes] = await Promise.all([
    readKb(`/proc/${pid}/status`, /^VmRSS:\s+(\d+) kB$/m),
    readKb(`/proc/${pid}/smaps_rollup`, /^Pss:\s+(\d+) kB$/m),
  ]);
  return { rssBytes, pssBytes };
}

/** Live children of `parent` (direct ones), from /proc. */
export async function childPids(parent: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const children: number[] = [];
  await Promise.all(pids.map(async (pid) => {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(pid);
    } catch {
      // Gone since the listing: not a child any more.
    }
  }));
  return children;
}

/** This process plus its task processes (its direct children), summed. */
export async function hostTreeMemory(): Promise<{ host: MemoryTotals; children: MemoryTotals; childCount: number }> {
  const pids = await childPids(process.pid);
  const [host, ...each] = await Promise.all([processMemory(process.pid), ...pids.map(processMemory)]);
  const children = each.reduce((sum, item) => ({ rssBytes: sum.rssBytes + item.rssBytes, pssBytes: sum.pssBytes + item.pssBytes }), { rssBytes: 0, pssBytes: 0 });
  return { host: host ?? { rssBytes: 0, pssBytes: 0 }, children, childCount: pids.length };
}

export const megabytes = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
