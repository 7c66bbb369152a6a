import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyLine, DOCUMENT_START, proseWords, scanLine, type LineContext } from './tokenizer.ts';
import { HOSTILE_UNITS, hostileLine } from './test/hostile-lines.ts';

const words = (line: string) => proseWords(line).map((group) => group.text);

describe('prose tokenizer', () => {
  it('finds words with apostrophes, curly or straight, and hyphenated parts', () => {
    expect(words("Don't stop, it’s a well-known rock'n'roll thing.")).toEqual(["Don't", 'stop', 'it’s', 'a', 'well-known', "rock'n'roll", 'thing']);
    expect(proseWords('a well-known x')[1]?.parts.map((part) => [part.start, part.end, part.text])).toEqual([[2, 6, 'well'], [7, 12, 'known']]);
  });

  it('reads underscore emphasis as prose, and inner underscores as identifiers', () => {
    expect(proseWords('an _important_ and __bold__ note on snake_case').map(({ start, end, text }) => [start, end, text])).toEqual([
      [0, 2, 'an'], [4, 13, 'important'], [15, 18, 'and'], [21, 25, 'bold'], [28, 32, 'note'], [33, 35, 'on'],
    ]);
  });

  it('handles Unicode letters and combining marks, and leaves other scripts alone', () => {
    expect(words('café naïve cafe\u0301 Ärger')).toEqual(['café', 'naïve', 'cafe\u0301', 'Ärger']);
    expect(words('шалом שלום مرحبا 漢字 word')).toEqual(['word']);
  });

  it('skips code spans, URLs, addresses, paths, numbers, identifiers and acronyms', () => {
    const line =
      'Use `recieve thsi` or ``a ` b`` then https://example.com/recieve?q=tomorow and www.tomorow.com/x ' +
      'mail me@tomorow.example, open src/recieve.ts or C:\\tomorow\\x or ./recieve, 3rd 42 1.5 snake_case ' +
      'camelCase NASA [link](docs/recieve-it.md) <span class="tomorow"> &tomorow; ok';
    expect(words(line)).toEqual(['Use', 'or', 'then', 'and', 'mail', 'open', 'or', 'or', 'link', 'ok']);
  });

  it('tracks fenced and indented code, and front matter, across lines', () => {
    const lines = ['---', 'title: recieve', '---', 'prose', '```js', 'recieve()', '~~~', '``', '```', 'after', '', '    code line', 'text', '    continued'];
    let context: LineContext = DOCUMENT_START;
    const prose: string[] = [];
    for (const line of lines) {
      const scanned = scanLine(line, context);
      prose.push(...scanned.words.map((group) => group.text));
      context = scanned.next;
    }
    expect(prose).toEqual(['prose', 'after', 'text', 'continued']);
  });

  it('closes a fence only with the same character, at least as long', () => {
    expect(classifyLine('~~~', '`3')).toEqual({ prose: false, next: '`3' });
    expect(classifyLine('``', '`3')).toEqual({ prose: false, next: '`3' });
    expect(classifyLine('   `````  ', '`3')).toEqual({ prose: false, next: 'start' });
    expect(classifyLine('```not a fence`', 'start').prose).toBe(true);
  });

  it('reports ranges inside the line that hold exactly the word', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (line) => {
        for (const group of proseWords(line)) {
          expect(group.start).toBeGreaterThanOrEqual(0);
          expect(group.end).toBeLessThanOrEqual(line.length);
          expect(group.start).toBeLessThan(group.end);
          expect(line.slice(group.start, group.end)).toBe(group.text);
          for (const part of group.parts) expect(line.slice(part.start, part.end)).toBe(part.text);
        }
      }),
      { numRuns: 5000 },
    );
  });

  // That no regular expression backtracks on these is a CPU bound: tokenizer.timing.test.ts.
  it('finds only words inside hostile lines', () => {
    for (const unit of HOSTILE_UNITS) {
      const line = hostileLine(unit);
      for (const group of proseWords(line)) expect(line.slice(group.start, group.end), unit).toBe(group.text);
    }
  });
});
