import fc from 'fast-check';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTextFile, encodeTextFile, fileHasBom, MAX_FILE_BYTES, readTextFile } from './text-file.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'forkpad-text-file-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('decodeTextFile', () => {
  it('reads UTF-8 with and without a BOM and remembers which', () => {
    expect(decodeTextFile(new TextEncoder().encode('héllo'), 'a.md')).toEqual({ text: 'héllo', bom: false, bytes: 6 });
    expect(decodeTextFile(bytes(0xef, 0xbb, 0xbf, 0x68, 0x69), 'a.md')).toEqual({ text: 'hi', bom: true, bytes: 5 });
    // A second BOM after the first is text (U+FEFF), not a marker.
    expect(decodeTextFile(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf), 'a.md').text).toBe('\ufeff');
  });

  it('refuses binary data, UTF-16 and invalid UTF-8 with a message that says which', () => {
    expect(() => decodeTextFile(bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01), 'image.png')).toThrow(/image.png looks like a binary file \(it contains a NUL byte at offset 4\)/);
    expect(() => decodeTextFile(bytes(0xff, 0xfe, 0x68, 0x00), 'u16.txt')).toThrow(/UTF-16 byte-order mark/);
    expect(() => decodeTextFile(bytes(0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0xc3, 0x28, 0x61, 0x62), 'latin.txt')).toThrow(/latin.txt is not UTF-8 text \(invalid byte sequence near byte [6-7]\)/);
    expect(() => decodeTextFile(bytes(0xed, 0xa0, 0x80), 'surrogate.txt')).toThrow(expect.objectContaining({ code: 'NOT_UTF8' }));
  });

  it('decodes what it encodes, byte for byte, for any well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((text) => !text.includes('\0')), fc.boolean(), (text, bom) => {
        const { bytes: encoded, replacedSurrogates } = encodeTextFile(text, bom);
        expect(replacedSurrogates).toBe(0);
        expect(decodeTextFile(encoded, 'x')).toEqual({ text, bom, bytes: encoded.length });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but its own clear errors on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        try {
          decodeTextFile(input, 'fuzz');
        } catch (error) {
          expect((error as { code?: string }).code).toMatch(/^(BINARY_FILE|NOT_UTF8)$/);
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('counts lone surrogates that a save must replace', () => {
    expect(encodeTextFile('a\ud800b😀\udfff', false).replacedSurrogates).toBe(2);
  });
});

describe('readTextFile', () => {
  it('refuses an oversized file before reading it, and a folder', async () => {
    const big = join(folder, 'big.txt');
    await writeFile(big, '');
    await truncate(big, MAX_FILE_BYTES + 1);
    await expect(readTextFile(big, 'big.txt')).rejects.toThrow(/big.txt is 32.0 MB; Forkpad opens files up to 32 MB/);
    await expect(readTextFile(folder, 'folder')).rejects.toMatchObject({ code: expect.stringMatching(/NOT_A_FILE|EISDIR/) as unknown });
  });

  it('reads a file and tells whether it has a BOM', async () => {
    const file = join(folder, 'bom.md');
    await writeFile(file, Buffer.from([0xef, 0xbb, 0xbf, 0x23, 0x20, 0x68]));
    await expect(readTextFile(file, 'bom.md')).resolves.toEqual({ text: '# h', bom: true, bytes: 6 });
    await expect(fileHasBom(file)).resolves.toBe(true);
    await expect(fileHasBom(join(folder, 'missing'))).resolves.toBe(false);
  });
});
