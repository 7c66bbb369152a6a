/**
 * How the parallelism claim splits a document among grammar processes: contiguous shares cut at
 * block boundaries, balanced by prose length. Grammar lints each paragraph on its own, so the
 * shares' issues, shifted by their offsets, equal one process's issues for the whole document.
 */
import type { GrammarIssue } from '../../../workers/common/task-api.ts';
import { splitBlocks } from '../../../workers/tasks/grammar/paragraphs.ts';

/** Cut offsets `[0, …, text.length]` giving at most `parts` shares; no paragraph is split. */
export function shareCuts(text: string, parts: number): number[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new Error(`cannot split a document into ${parts} shares`);
  const blocks = splitBlocks(text).filter((block) => !block.code);
  const prose = blocks.reduce((sum, block) => sum + block.end - block.start, 0);
  const cuts = [0];
  let done = 0;
  for (const block of blocks) {
    if (cuts.length < parts && done > 0 && done >= (prose * cuts.length) / parts) cuts.push(block.start);
    done += block.end - block.start;
  }
  cuts.push(text.length);
  return cuts;
}

/** One issue as a comparable key, at its offset in the whole document. */
export function issueKey(issue: GrammarIssue, offset: number): string {
  return `${issue.start + offset}:${issue.end + offset}:${issue.rule}:${issue.message}`;
}
