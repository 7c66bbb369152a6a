/**
 * A scripted typist: one keystroke at a time, each one edit as Monaco would send it (typing at a
 * cursor, backspace, enter, a paste, a selection deleted, the cursor moved), with the expected
 * text kept by plain string splicing, independent of the code under test.
 */
import type { TextEdit } from '../../../workers/common/document.ts';
import type { KeyKind } from '../../../workers/common/task-api.ts';

const PROSE = [
  'Teh quick brown fox jumps over an lazy dog.',
  'Threads are cheap and share memory; processes cost more but isolate faults.',
  'One thread tracks keystrokes, a second displays data, a third checks spelling.',
  'We recieve the document and render it as Markdown, with a [link](https://example.com).',
  '# A heading',
  '- a list item with `code` and *emphasis*',
  'שלום עולם, مرحبا بالعالم — right to left.',
  'Emoji 😀 and a family 👩‍👩‍👧 joined by ZWJ, and e\u0301 combined.',
];

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'grapheme' });

export interface Keystroke {
  readonly edit: TextEdit;
  readonly kind: KeyKind;
}

export class Typist {
  text: string;
  cursor: number;
  private readonly random: () => number;
  private pending: string[] = [];

  constructor(random: () => number, text = '') {
    this.random = random;
    this.text = text;
    this.cursor = text.length;
  }

  /** The next keystroke; `text` and `cursor` already reflect it when this returns. */
  next(): Keystroke {
    const roll = this.random();
    if (roll < 0.04 && this.text.length > 0) this.cursor = Math.floor(this.random() * (this.text.length + 1));
    const keystroke =
      roll < 0.1 && this.cursor > 0
        ? this.backspace()
        : roll < 0.13
          ? this.insert('\n', 'enter')
          : roll < 0.135
            ? this.insert(this.phrase(), 'paste')
            : roll < 0.14 && this.text.length > 0
              ? this.deleteSelection()
              : this.insert(this.character(), 'character');
    return keystroke;
  }

  private character(): string {
    if (this.pending.length === 0) this.pending = [...SEGMENTER.segment(`${this.phrase()} `)].map((part) => part.segment);
    // One key may insert a whole grapheme (an emoji, a ZWJ family), as an IME or emoji picker does.
    return this.pending.shift() ?? ' ';
  }

  private phrase(): string {
    return PROSE[Math.floor(this.random() * PROSE.length)] ?? '';
  }

  private insert(text: string, kind: KeyKind): Keystroke {
    const edit = { offset: this.cursor, length: 0, text };
    this.apply(edit);
    this.cursor += text.length;
    return { edit, kind };
  }

  private backspace(): Keystroke {
    // A surrogate pair goes in one keystroke, as Monaco deletes it.
    const low = this.text.charCodeAt(this.cursor - 1);
    const high = this.text.charCodeAt(this.cursor - 2);
    const length = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
    const edit = { offset: this.cursor - length, length, text: '' };
    this.apply(edit);
    this.cursor -= length;
    return { edit, kind: 'backspace' };
  }

  private deleteSelection(): Keystroke {
    const start = Math.floor(this.random() * this.text.length);
    const length = Math.min(this.text.length - start, 1 + Math.floor(this.random() * 40));
    const edit = { offset: start, length, text: '' };
    this.apply(edit);
    this.cursor = start;
    return { edit, kind: 'delete' };
  }

  private apply(edit: TextEdit): void {
    this.text = this.text.slice(0, edit.offset) + edit.text + this.text.slice(edit.offset + edit.length);
  }
}
