/** How the grammar pool splits a document: contiguous shares cut at block boundaries. */
import { splitBlocks } from '../../workers/tasks/grammar/paragraphs.ts';

/**
 * Cut offsets `[0, …, text.length]` giving at most `parts` contiguous shares of about equal prose
 * length, each cut at the start of a block, so no paragraph is split and every share is linted
 * exactly as the whole document would be.
 */
export function shareCuts(text: string, parts: number): number[] {
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
