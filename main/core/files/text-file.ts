/**
 * Reading and writing the text files Forkpad edits: UTF-8, with or without a byte-order mark
 * (kept as found, so a save writes it back the same). Anything else — binary data, another
 * encoding, or a file too large to edit — is refused with a message that says which and why,
 * before a byte of it reaches the editor or a task.
 */
import { open } from 'node:fs/promises';
import { ForkpadError } from '../../../workers/common/errors.ts';

/** Largest file Forkpad opens: beyond it the mirror (32 Mi UTF-16 units) could not hold it. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export interface TextFile {
  readonly text: string;
  /** The file began with a UTF-8 byte-order mark. */
  readonly bom: boolean;
  readonly bytes: number;
}

export const FileErrors = {
  binary: (name: string, why: string) =>
    new ForkpadError('BinaryFileError', 'BINARY_FILE', `${name} looks like a binary file (${why}); Forkpad opens only UTF-8 text.`),
  notUtf8: (name: string, offset: number) =>
    new ForkpadError('EncodingError', 'NOT_UTF8', `${name} is not UTF-8 text (invalid byte sequence near byte ${offset}); Forkpad opens only UTF-8.`),
  tooLarge: (name: string, bytes: number) =>
    new ForkpadError(
      'TooLargeError',
      'TOO_LARGE',
      `${name} is ${(bytes / (1024 * 1024)).toFixed(1)} MB; Forkpad opens files up to ${MAX_FILE_BYTES / (1024 * 1024)} MB.`,
    ),
  notAFile: (name: string) => new ForkpadError('NotAFileError', 'NOT_A_FILE', `${name} is not a regular file.`),
} as const;

function hasBom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte);
}

/**
 * The offset of the first invalid UTF-8 sequence: the longest prefix that decodes (as a stream,
 * so a sequence cut at the prefix's end is not counted against it), found by bisection.
 */
function firstInvalidOffset(bytes: Uint8Array): number {
  const decodes = (length: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false; // `fatal` decoding throws only for invalid data: that is the answer.
    }
  };
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (decodes(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * Decodes a file's bytes. NUL bytes mark binary data (no text format uses them, and UTF-16 text
 * is full of them); invalid UTF-8 marks another encoding or binary data.
 */
export function decodeTextFile(bytes: Uint8Array, name: string): TextFile {
  if (bytes.length > MAX_FILE_BYTES) throw FileErrors.tooLarge(name, bytes.length);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) throw FileErrors.binary(name, 'it starts with a UTF-16 byte-order mark');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw FileErrors.binary(name, 'it starts with a UTF-16 byte-order mark');
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw FileErrors.binary(name, `it contains a NUL byte at offset ${nul}`);
  const bom = hasBom(bytes);
  const body = bom ? bytes.subarray(UTF8_BOM.length) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw FileErrors.notUtf8(name, firstInvalidOffset(body) + (bom ? UTF8_BOM.length : 0)); // The decoder says only "invalid"; find where.
  }
  return { text, bom, bytes: bytes.length };
}

/** Encodes text for saving. Lone surrogates cannot be written as UTF-8; each becomes U+FFFD and is counted. */
export function encodeTextFile(text: string, bom: boolean): { bytes: Uint8Array; replacedSurrogates: number } {
  let replacedSurrogates = 0;
  if (!text.isWellFormed()) {
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
        const next = text.charCodeAt(index + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          index += 1;
          continue;
        }
      }
      if (code >= 0xd800 && code <= 0xdfff) replacedSurrogates += 1;
    }
  }
  const body = new TextEncoder().encode(text);
  if (!bom) return { bytes: body, replacedSurrogates };
  const bytes = new Uint8Array(body.length + UTF8_BOM.length);
  bytes.set(UTF8_BOM, 0);
  bytes.set(body, UTF8_BOM.length);
  return { bytes, replacedSurrogates };
}

/** Reads and decodes a text file, refusing an oversized one before reading it. */
export async function readTextFile(path: string, name: string): Promise<TextFile> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw FileErrors.notAFile(name);
    if (info.size > MAX_FILE_BYTES) throw FileErrors.tooLarge(name, info.size);
    // One byte more than the stat said: a file that grew since then is noticed, not cut short.
    const buffer = Buffer.alloc(info.size + 1);
    let filled = 0;
    for (let bytesRead = -1; bytesRead !== 0 && filled < buffer.length; filled += bytesRead) {
      ({ bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled));
    }
    if (filled > info.size) {
      throw new ForkpadError('FileChangedError', 'FILE_CHANGED', `${name} changed while it was being read; open it again.`);
    }
    return decodeTextFile(buffer.subarray(0, filled), name);
  } finally {
    await handle.close();
  }
}

/** Whether the file at `path` starts with a UTF-8 BOM (false if it does not exist). */
export async function fileHasBom(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    return bytesRead === 3 && hasBom(head);
  } finally {
    await handle.close();
  }
}
