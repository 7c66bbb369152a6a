/**
 * A deterministic Markdown document of a chosen size, for tests and benchmarks of the text tasks:
 * headings, wrapped paragraphs, lists, block quotes, fenced code, tables, inline code, links and
 * reference definitions, all in correctly spelled English.
 */

const VOCABULARY = (
  'the of and to in is that it was for on are as with his they at be this from have or by one had not ' +
  'but what all were when we there can an your which their said if do will each about how up out them ' +
  'then she many some so these would other into has more her two like him see time could no make than ' +
  'first been its who now people my made over did down only way find use may water long little very after ' +
  'words called just where most know get through back much before go good new write our used me man too any ' +
  'day same right look think also around another came come work three word must because does part even place ' +
  'well such here take why things help put years different away again off went old number great tell men say ' +
  'small every found still between name should home big give air line set own under read last never us left ' +
  'end along while might next sound below saw something thought both few those always looked show large often ' +
  'together asked house world going want school important until form food keep children feet land side without ' +
  'boy once animals life enough took sometimes four head above kind began almost live page got earth need far ' +
  'hand high year mother light parts country father let night following picture being study second eyes soon ' +
  'editor thread process memory latency message document paragraph spelling grammar preview keyboard journal'
).split(' ');

/** mulberry32: a small seeded generator, so every run builds the same document. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  readonly random: () => number;
  readonly lines: string[] = [];
  size = 0;

  constructor(seed: number) {
    this.random = randomSource(seed);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  push(...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.size += line.length + 1;
    }
  }

  sentence(): string {
    const count = 5 + Math.floor(this.random() * 12);
    const words = Array.from({ length: count }, () => this.pick(VOCABULARY));
    const decorated = words.map((word, index) => {
      const roll = this.random();
      if (index > 0 && roll < 0.03) return `\`${word}\``;
      if (index > 0 && roll < 0.05) return `*${word}*`;
      if (index > 0 && roll < 0.06) return `[${word}](https://example.com/${word})`;
      if (index > 0 && roll < 0.065) return `[${word}][ref${Math.floor(this.random() * 5)}]`;
      return word;
    });
    const text = decorated.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }

  /** Sentences wrapped at about 100 characters, as many editors save prose. */
  paragraph(prefix = ''): string[] {
    const sentences = Array.from({ length: 2 + Math.floor(this.random() * 4) }, () => this.sentence());
    const lines: string[] = [];
    let line = '';
    for (const word of sentences.join(' ').split(' ')) {
      if (line.length + word.length > 100) {
        lines.push(prefix + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(prefix + line);
    return lines;
  }

  section(index: number): void {
    this.push(`${'#'.repeat(1 + (index % 3))} ${this.sentence().slice(0, -1)}`, '');
    const blocks = 3 + Math.floor(this.random() * 4);
    for (let block = 0; block < blocks; block++) {
      const roll = this.random();
      if (roll < 0.55) this.push(...this.paragraph());
      else if (roll < 0.7) for (let item = 0; item < 3; item++) this.push(`- ${this.sentence()}`);
      else if (roll < 0.78) this.push(...this.paragraph('> '));
      else if (roll < 0.86) this.push('```ts', `const ${this.pick(VOCABULARY)}Value = compute(42);`, 'console.log(value);', '```');
      else if (roll < 0.93) this.push('| name | value |', '| --- | ---: |', `| ${this.pick(VOCABULARY)} | ${block} |`);
      else this.push(`1. ${this.sentence()}`, `2. ${this.sentence()}`);
      this.push('');
    }
  }
}

/** Builds a document of at least `targetLength` UTF-16 units (a little more, to finish a section). */
export function sampleDocument(targetLength: number, seed = 1): string {
  const writer = new Writer(seed);
  for (let index = 0; index < 5; index++) writer.push(`[ref${index}]: https://example.com/reference/${index} "Reference ${index}"`);
  writer.push('');
  for (let section = 0; writer.size < targetLength; section++) writer.section(section);
  return writer.lines.join('\n');
}

export { VOCABULARY as SAMPLE_VOCABULARY, randomSource };
