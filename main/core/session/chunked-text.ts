/**
 * The mirror's text as a list of chunks of at most CHUNK UTF-16 units, so a keystroke in a 10 MB
 * document copies one chunk instead of the whole string. (A JavaScript string edit builds a
 * rope that V8 flattens on the next read: about 5 ms per keystroke at 10 MB, with GC pauses of
 * 50–120 ms.) The whole string is joined only when something asks for it — a save, a snapshot
 * for a task — and kept until the next edit.
 */
import type { TextAccess } from '../../../workers/common/document.ts';

const CHUNK = 16 * 1024;

function split(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

export class ChunkedText implements TextAccess {
  private chunks: string[] = [];
  /** Offset of each chunk's first unit. */
  private starts: number[] = [];
  private total = 0;
  private joined: string | undefined;
  private readonly size: number;

  /** `chunkSize` other than the default is for tests, to cross chunk boundaries with short texts. */
  constructor(text: string, chunkSize = CHUNK) {
    this.size = chunkSize;
    this.reset(text);
  }

  get length(): number {
    return this.total;
  }

  reset(text: string): void {
    this.chunks = split(text, this.size);
    this.total = text.length;
    this.reindex(0);
    this.joined = text;
  }

  toString(): string {
    this.joined ??= this.chunks.join('');
    return this.joined;
  }

  charCodeAt(index: number): number {
    if (index < 0 || index >= this.total) return Number.NaN;
    const chunk = this.locate(index);
    return (this.chunks[chunk] ?? '').charCodeAt(index - (this.starts[chunk] ?? 0));
  }

  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.total));
    const to = Math.max(from, Math.min(end, this.total));
    if (from === to) return '';
    const parts: string[] = [];
    for (let chunk = this.locate(from); chunk < this.chunks.length && (this.starts[chunk] ?? 0) < to; chunk += 1) {
      const base = this.starts[chunk] ?? 0;
      parts.push((this.chunks[chunk] ?? '').slice(Math.max(0, from - base), to - base));
    }
    return parts.join('');
  }

  /** Replaces `length` units at `offset` with `text`. The caller has checked the range. */
  replace(offset: number, length: number, text: string): void {
    if (this.chunks.length === 0) return this.reset(text);
    const first = this.locate(offset);
    const last = length === 0 ? first : this.locate(offset + length - 1);
    const head = (this.chunks[first] ?? '').slice(0, offset - (this.starts[first] ?? 0));
    const tail = (this.chunks[last] ?? '').slice(offset + length - (this.starts[last] ?? 0));
    const merged = head + text + tail;
    const pieces = merged.length > this.size ? split(merged, this.size) : merged.length > 0 ? [merged] : [];
    this.chunks.splice(first, last - first + 1, ...pieces);
    this.total += text.length - length;
    this.joined = undefined;
    this.mergeSmall(Math.max(0, first - 1), first + pieces.length);
    this.reindex(Math.max(0, first - 1));
  }

  /** Joins neighbours in `[from, to]` that fit in one chunk, so deletions do not leave dust. */
  private mergeSmall(from: number, to: number): void {
    for (let index = Math.min(to, this.chunks.length - 2); index >= from; index -= 1) {
      const left = this.chunks[index] ?? '';
      const right = this.chunks[index + 1] ?? '';
      if (left.length + right.length <= this.size / 2) this.chunks.splice(index, 2, left + right);
    }
  }

  private reindex(from: number): void {
    this.starts.length = this.chunks.length;
    let offset = from === 0 ? 0 : (this.starts[from - 1] ?? 0) + (this.chunks[from - 1] ?? '').length;
    for (let index = from; index < this.chunks.length; index += 1) {
      this.starts[index] = offset;
      offset += (this.chunks[index] ?? '').length;
    }
  }

  /** The chunk holding unit `offset`; the last chunk for `offset === length`. */
  private locate(offset: number): number {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
