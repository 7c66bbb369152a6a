/**
 * The writer's side of the two gap buffers (see layout.ts): the text's units and the line starts,
 * each with its gap at the place last edited. Only the writer calls this, inside its write section;
 * it keeps the geometry in fields and publishes every change of it to the header.
 *
 * Invariant: line starts at or before the text gap's position are stored before the line gap, as
 * offsets; those after it are stored after the line gap, as their distance from the end (≤ 0).
 */
import { currentViews, decodeUnits, Header, INITIAL_LINE_CAPACITY, MAX_LINE_CAPACITY, MAX_TEXT_CAPACITY, type DocumentViews, type SharedDocumentBuffers } from './layout.ts';

/** Room left free when the text grows, so typing after a paste does not grow it again at once. */
const MIN_TEXT_GAP = 16 * 1024;
const MIN_LINE_GAP = 1024;

export class GapStore {
  private readonly buffers: SharedDocumentBuffers;
  private views: DocumentViews;
  private gapStart = 0;
  private gapEnd = 0;
  private total = 0;
  private lineGapStart = 0;
  private lineGapEnd = 0;

  constructor(buffers: SharedDocumentBuffers, views: DocumentViews) {
    this.buffers = buffers;
    this.views = views;
  }

  get length(): number {
    return this.total;
  }

  get lineCount(): number {
    return this.lineGapStart + (this.views.lines.length - this.lineGapEnd);
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.total) return Number.NaN;
    return this.views.text[offset < this.gapStart ? offset : offset + this.gapEnd - this.gapStart] ?? Number.NaN;
  }

  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.total));
    const to = Math.max(from, Math.min(end, this.total));
    const { text } = this.views;
    const shift = this.gapEnd - this.gapStart;
    if (to <= this.gapStart) return decodeUnits(text, from, to);
    if (from >= this.gapStart) return decodeUnits(text, from + shift, to + shift);
    return decodeUnits(text, from, this.gapStart) + decodeUnits(text, this.gapEnd, to + shift);
  }

  lineStart(line: number): number {
    const { lines } = this.views;
    if (line < this.lineGapStart) return lines[line] ?? 0;
    return this.total + (lines[this.lineGapEnd + line - this.lineGapStart] ?? 0);
  }

  /** The line holding `offset` (a line's start belongs to it). */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.lineCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.lineStart(middle) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  replaceAll(content: string): void {
    const { text } = this.views;
    const wanted = Math.min(MAX_TEXT_CAPACITY, content.length + MIN_TEXT_GAP);
    // Everything is rewritten: growing needs no tail moved.
    if (text.length < wanted) this.grow('text', Math.max(wanted, Math.min(MAX_TEXT_CAPACITY, text.length * 2)));
    const grown = this.views.text;
    for (let index = 0; index < content.length; index += 1) grown[index] = content.charCodeAt(index);
    this.total = content.length;
    this.gapStart = content.length;
    this.gapEnd = grown.length;
    const starts = [0];
    for (let index = content.indexOf('\n'); index !== -1; index = content.indexOf('\n', index + 1)) starts.push(index + 1);
    this.lineGapStart = 0;
    this.lineGapEnd = this.views.lines.length;
    this.ensureLineCapacity(starts.length + MIN_LINE_GAP);
    this.views.lines.set(starts, 0);
    this.lineGapStart = starts.length;
    this.lineGapEnd = this.views.lines.length;
    this.publish();
  }

  /**
   * Moves the gap to logical `offset`: the units between move across it, and so do their lines.
   * With `scrub`, the units left behind in the gap are overwritten with 0, as the next insert there
   * would overwrite them (the race fault's writer: without it, a stale reader finds the old copies).
   */
  moveGap(offset: number, scrub = false): void {
    const { text, lines } = this.views;
    if (offset < this.gapStart) {
      const count = this.gapStart - offset;
      text.copyWithin(this.gapEnd - count, offset, this.gapStart);
      if (scrub) text.fill(0, offset, Math.min(this.gapStart, this.gapEnd - count));
      while (this.lineGapStart > 0 && (lines[this.lineGapStart - 1] ?? 0) > offset) {
        this.lineGapStart -= 1;
        this.lineGapEnd -= 1;
        lines[this.lineGapEnd] = (lines[this.lineGapStart] ?? 0) - this.total;
      }
      this.gapStart = offset;
      this.gapEnd -= count;
    } else if (offset > this.gapStart) {
      const count = offset - this.gapStart;
      text.copyWithin(this.gapStart, this.gapEnd, this.gapEnd + count);
      if (scrub) text.fill(0, Math.max(this.gapEnd, this.gapStart + count), this.gapEnd + count);
      while (this.lineGapEnd < lines.length && this.total + (lines[this.lineGapEnd] ?? 0) <= offset) {
        lines[this.lineGapStart] = this.total + (lines[this.lineGapEnd] ?? 0);
        this.lineGapStart += 1;
        this.lineGapEnd += 1;
      }
      this.gapStart = offset;
      this.gapEnd += count;
    }
    this.publish();
  }

  /** Removes `count` units after the gap, and the lines that started inside them. */
  deleteAtGap(count: number): void {
    if (count === 0) return;
    const { lines } = this.views;
    const end = this.gapStart + count;
    while (this.lineGapEnd < lines.length && this.total + (lines[this.lineGapEnd] ?? 0) <= end) this.lineGapEnd += 1;
    this.gapEnd += count;
    this.total -= count;
    this.publish();
  }

  /** Writes `content` into the gap, recording a line start after each `\n` in it. */
  insertAtGap(content: string): void {
    if (content.length === 0) return;
    this.ensureGap(content.length);
    const { text } = this.views;
    const base = this.gapStart;
    for (let index = 0; index < content.length; index += 1) {
      const code = content.charCodeAt(index);
      text[base + index] = code;
      if (code === 10) {
        if (this.lineGapEnd === this.lineGapStart) this.ensureLineCapacity(this.lineCount + MIN_LINE_GAP);
        this.views.lines[this.lineGapStart] = base + index + 1;
        this.lineGapStart += 1;
      }
    }
    this.gapStart += content.length;
    this.total += content.length;
    this.publish();
  }

  /** Grows the text buffer when the gap holds fewer than `needed` units, moving the tail to the new end. */
  private ensureGap(needed: number): void {
    const { text } = this.views;
    if (this.gapEnd - this.gapStart >= needed) return;
    const oldCapacity = text.length;
    const capacity = Math.min(MAX_TEXT_CAPACITY, Math.max(oldCapacity * 2, this.total + needed + MIN_TEXT_GAP));
    this.grow('text', capacity);
    const tail = oldCapacity - this.gapEnd;
    this.views.text.copyWithin(capacity - tail, this.gapEnd, oldCapacity);
    this.gapEnd = capacity - tail;
  }

  private ensureLineCapacity(wanted: number): void {
    const { lines } = this.views;
    if (lines.length >= wanted) return;
    const oldCapacity = lines.length;
    const capacity = Math.min(MAX_LINE_CAPACITY, Math.max(oldCapacity * 2, wanted, INITIAL_LINE_CAPACITY));
    if (capacity <= oldCapacity) return;
    this.grow('lines', capacity);
    const tail = oldCapacity - this.lineGapEnd;
    this.views.lines.copyWithin(capacity - tail, this.lineGapEnd, oldCapacity);
    this.lineGapEnd = capacity - tail;
  }

  /** Grows a buffer to `capacity` elements and takes fixed-length views of the new size. */
  private grow(buffer: 'text' | 'lines', capacity: number): void {
    this.buffers[buffer].grow(capacity * (buffer === 'text' ? 2 : 4));
    this.views = currentViews(this.buffers, this.views);
  }

  private publish(): void {
    const { header } = this.views;
    Atomics.store(header, Header.length, this.total);
    Atomics.store(header, Header.gapStart, this.gapStart);
    Atomics.store(header, Header.gapEnd, this.gapEnd);
    Atomics.store(header, Header.lineCount, this.lineCount);
    Atomics.store(header, Header.lineGapStart, this.lineGapStart);
    Atomics.store(header, Header.lineGapEnd, this.lineGapEnd);
  }
}
