/**
 * The journal's on-disk format, and its reader. A journal is one file per document:
 *
 *   magic "FPJRNL01" (8 bytes), then records: u32le length · u32le crc32 · payload (UTF-8 JSON)
 *
 * The first record is the base snapshot, every later one a change that takes the document to the
 * next version. The CRC covers the length field and the payload, so a torn or garbled record is
 * detected: reading stops there and reports the bytes it skipped, never applies a damaged record.
 * JSON keeps text exact (lone surrogates and NUL become escapes), which raw UTF-8 would not.
 */
import { crc32 } from 'node:zlib';
import * as v from 'valibot';
import { applyEdits, MAX_DOCUMENT_LENGTH } from '../../common/document.ts';
import { Errors, type ForkpadError } from '../../common/errors.ts';

export const JOURNAL_MAGIC = Buffer.from('FPJRNL01', 'latin1');
const HEADER_BYTES = 8;
/** Worst case of one record: a whole maximal document whose every unit JSON-escapes to 6 bytes. */
export const MAX_RECORD_BYTES = Math.min(MAX_DOCUMENT_LENGTH * 6 + 4096, 0xffff_ffff);

const Version = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const Offset = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

const BaseRecordSchema = v.object({
  t: v.literal('base'),
  uri: v.string(),
  path: v.nullable(v.string()),
  version: Version,
  text: v.string(),
  /** Whether the base text already differs from the file on disk (unsaved work). */
  dirty: v.boolean(),
});

const ChangeRecordSchema = v.object({
  t: v.literal('change'),
  version: Version,
  edits: v.array(v.object({ offset: Offset, length: Offset, text: v.string() })),
});

const RecordSchema = v.variant('t', [BaseRecordSchema, ChangeRecordSchema]);

export type BaseRecord = v.InferOutput<typeof BaseRecordSchema>;
export type ChangeRecord = v.InferOutput<typeof ChangeRecordSchema>;
export type JournalRecord = BaseRecord | ChangeRecord;

/** The state a journal rebuilds to. */
export interface JournalState {
  readonly uri: string;
  readonly path: string | null;
  readonly version: number;
  readonly text: string;
  /** Unsaved work: the base was dirty or changes follow it. */
  readonly dirty: boolean;
}

export interface JournalReadResult {
  readonly state: JournalState;
  readonly base: BaseRecord;
  /** Change records after the base, in order. */
  readonly changes: readonly ChangeRecord[];
  /** Bytes of the file that hold the base and the applied changes. */
  readonly validBytes: number;
  /** Bytes after them that were skipped: a torn or damaged tail. */
  readonly tornBytes: number;
  /** Why reading stopped early, when it did. */
  readonly tornReason?: string;
}

/** Encodes one record: header plus payload, ready to append. */
export function encodeRecord(record: JournalRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  if (payload.length > MAX_RECORD_BYTES) throw Errors.tooLarge('journal record', payload.length, MAX_RECORD_BYTES);
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(recordChecksum(header.subarray(0, 4), payload), 4);
  return Buffer.concat([header, payload]);
}

function recordChecksum(lengthBytes: Uint8Array, payload: Uint8Array): number {
  return crc32(payload, crc32(lengthBytes));
}

/** A whole journal file holding just `base`. */
export function encodeJournal(base: BaseRecord, changes: readonly ChangeRecord[] = []): Buffer {
  return Buffer.concat([JOURNAL_MAGIC, encodeRecord(base), ...changes.map(encodeRecord)]);
}

type Decoded = { readonly record: JournalRecord; readonly end: number } | { readonly stop: string };

function decodeAt(bytes: Uint8Array, offset: number): Decoded {
  const remaining = bytes.length - offset;
  if (remaining < HEADER_BYTES) return { stop: `${remaining} bytes are too few for a record header` };
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.readUInt32LE(offset);
  if (length > MAX_RECORD_BYTES) return { stop: `record length ${length} is past the limit` };
  if (length > remaining - HEADER_BYTES) return { stop: `record of ${length} bytes is cut off after ${remaining - HEADER_BYTES}` };
  const payload = view.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length);
  if (view.readUInt32LE(offset + 4) !== recordChecksum(view.subarray(offset, offset + 4), payload)) {
    return { stop: 'record checksum does not match' };
  }
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    return { stop: `record is not JSON (${(error as Error).message})` };
  }
  const parsed = v.safeParse(RecordSchema, json);
  if (!parsed.success) return { stop: `record has the wrong shape: ${parsed.issues[0]?.message ?? 'unknown'}` };
  return { record: parsed.output, end: offset + HEADER_BYTES + length };
}

/**
 * Rebuilds a document from journal bytes. Returns the state after the last intact record, with
 * the skipped tail counted in `tornBytes`; throws a clear error when not even the base is intact.
 */
export function readJournal(bytes: Uint8Array): JournalReadResult {
  if (bytes.length < JOURNAL_MAGIC.length || !JOURNAL_MAGIC.equals(bytes.subarray(0, JOURNAL_MAGIC.length))) {
    throw corrupt('it does not start with the journal magic');
  }
  const first = decodeAt(bytes, JOURNAL_MAGIC.length);
  if ('stop' in first) throw corrupt(`its base snapshot is unreadable: ${first.stop}`);
  if (first.record.t !== 'base') throw corrupt('its first record is not a base snapshot');
  const base = first.record;
  if (base.text.length > MAX_DOCUMENT_LENGTH) throw corrupt('its base snapshot is larger than any document');
  let text = base.text;
  let version = base.version;
  let offset = first.end;
  let tornReason: string | undefined;
  const changes: ChangeRecord[] = [];
  while (offset < bytes.length) {
    const next = decodeAt(bytes, offset);
    if ('stop' in next) {
      tornReason = next.stop;
      break;
    }
    const { record } = next;
    tornReason = replayStop(record, version);
    if (tornReason !== undefined || record.t !== 'change') break;
    try {
      text = applyEdits(text, record.edits);
    } catch (error) {
      tornReason = `change to version ${record.version} does not apply: ${(error as Error).message}`;
      break;
    }
    version = record.version;
    changes.push(record);
    offset = next.end;
  }
  const state = { uri: base.uri, path: base.path, version, text, dirty: base.dirty || changes.length > 0 };
  return { state, base, changes, validBytes: offset, tornBytes: bytes.length - offset, ...(tornReason ? { tornReason } : {}) };
}

function replayStop(record: JournalRecord, version: number): string | undefined {
  if (record.t !== 'change') return 'a second base snapshot follows the first';
  if (record.version !== version + 1) return `change to version ${record.version} does not follow version ${version}`;
  return undefined;
}

function corrupt(why: string): ForkpadError {
  return Errors.invalidInput('journal', why);
}

/** Replays `changes` on `base` up to and including `version`; undefined if it never reaches it. */
export function stateAt(base: BaseRecord, changes: readonly ChangeRecord[], version: number): string | undefined {
  if (version < base.version) return undefined;
  let text = base.text;
  for (const change of changes) {
    if (change.version > version) break;
    text = applyEdits(text, change.edits);
  }
  const last = changes.findLast((change) => change.version <= version)?.version ?? base.version;
  return last === version ? text : undefined;
}

