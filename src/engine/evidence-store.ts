import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { crc32 } from 'node:zlib';
import type { ArticleEvidence } from '../answer/article-evidence.js';
import { TermVectors, type TermRows } from '../answer/term-vectors.js';
import { codeFingerprint } from '../code-fingerprint.js';
import { articleVersion } from '../knowledge/parse-article.js';
import { fileStampOf, rememberFileStamp } from '../knowledge/load-knowledge.js';
import type { Logger } from '../logger.js';

/**
 * What a start-up reads instead of computing: every article as parsed, with its evidence (words, postings,
 * answer kinds, vectors), and the knowledge base's term vectors, rather than parsing, tokenising and
 * indexing every article again and pulling its vectors out of the vector cache.
 */
export interface SavedEvidence {
  evidence: ArticleEvidence[];
  termVectors: TermVectors;
}

const FILE_NAME = 'evidence.bin';
/**
 * Bumped when the file's layout changes; the code fingerprint covers everything else. Format 2: a table of
 * every word the records list comes first, and records list words by their number in it.
 */
const FORMAT = 2;
/** The code evidence depends on: the loader that parses articles and the retrieval that indexes them. */
const SOURCE_DIRS = [new URL('../answer/', import.meta.url), new URL('../knowledge/', import.meta.url)];
const evidenceCode = (): Promise<string> => codeFingerprint(SOURCE_DIRS, `evidence format ${FORMAT}`);
/** The header line is short (two hashes and a model id): a first line longer than this is no header. */
const MAX_HEADER_BYTES = 4096;
/** The file is read this much at a time. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** A save takes seconds even at 10,000 articles: a temporary file untouched this long was abandoned. */
const ABANDONED_AFTER_MS = 10 * 60_000;
/** Records written between two turns of the event loop, so saving 10,000 articles never stalls an /ask. */
const RECORDS_PER_TURN = 50;

/** The file's first line. */
interface Header {
  version: string;
  /** The embedding model the vectors come from. */
  model: string;
  /**
   * CRC-32 of everything after the header line, as 8 hex digits: it catches a file cut short or damaged
   * on disk, which is all it is for, ten times faster than a cryptographic hash over 50 MB.
   */
  crc32: string;
}

/**
 * The evidence `saveEvidence` wrote for `model`, or undefined when there is none to use: no file, a file
 * made by other code or for another model (logged at info), a damaged one (cut short, failing its checksum;
 * a warning). An article whose evidence does not fit itself (counts, ranges, vectors that are not finite)
 * is left out with a warning and simply indexed again. Other I/O errors (permissions, say) are thrown.
 */
export async function loadEvidence(
  dir: string,
  { model, logger }: { model: string; logger: Logger },
): Promise<SavedEvidence | undefined> {
  const file = path.join(dir, FILE_NAME);
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const discard = (problem: string): undefined => {
    logger.warn({ file, problem }, `saved evidence ${file} ${problem}: discarded, indexing again`);
    return undefined;
  };
  let records: unknown[];
  try {
    const start = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    const newline = start.subarray(0, bytesRead).indexOf(0x0a);
    const header = parseHeader(start.toString('utf8', 0, newline < 0 ? bytesRead : newline));
    if (header && (header.version !== (await evidenceCode()) || header.model !== model)) {
      logger.info({ file }, `saved evidence ${file} was made by other code or another model: indexing again`);
      return undefined;
    }
    if (!header || newline < 0) return discard('has no readable header');
    // The whole body is checked before any of it is read: a damaged file is not deserialised at all.
    let checksum = 0;
    await forEachChunk(handle, newline + 1, (chunk) => (checksum = crc32(chunk, checksum)));
    if (hex(checksum) !== header.crc32) return discard('does not match its checksum (cut short or changed)');
    try {
      records = await readRecords(handle, newline + 1);
    } catch (err) {
      return discard(`cannot be read (${(err as Error).message})`);
    }
  } finally {
    await handle.close();
  }
  const [rows, ...articles] = records;
  const evidence: ArticleEvidence[] = [];
  for (const record of articles) {
    const problem = misfit(record);
    if (problem === undefined)
      evidence.push(withoutFileStamp(record as ArticleEvidence & { fileStamp?: unknown }));
    else logger.warn({ file, problem }, `saved evidence in ${file} ${problem}: discarded, indexing it again`);
  }
  const dims = evidence.length === 0 ? 0 : dimsOf(evidence[0]!);
  const rowsProblem = termRowsMisfit(rows, dims);
  if (rowsProblem !== undefined) return discard(`holds term vectors that ${rowsProblem}`);
  if (evidence.some((e) => dimsOf(e) !== dims)) return discard('mixes vectors of different dimensions');
  return { evidence, termVectors: new TermVectors(rows as TermRows) };
}

/**
 * Writes `saved`, stamped with the code fingerprint, the model and a checksum, to `dir` (created if need
 * be). Articles are serialised and written a batch at a time, yielding between batches, so that saving
 * 10,000 articles neither stalls an /ask nor holds a second copy of them in memory. The file is replaced
 * atomically: a reader or a crash sees the old file or the new one, never half of one, and a failed write
 * leaves no temporary file.
 */
export async function saveEvidence(dir: string, saved: SavedEvidence, model: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await removeAbandonedWrites(dir);
  const target = path.join(dir, FILE_NAME);
  const temporary = `${target}.${randomUUID()}.tmp`;
  // The checksum is known only at the end: the header is written with a placeholder of the same length.
  const placeholder = '0'.repeat(8);
  const header: Header = { version: await evidenceCode(), model, crc32: placeholder };
  const headerBytes = Buffer.from(`${JSON.stringify(header)}\n`);
  let checksum = 0;
  const file = await open(temporary, 'w');
  try {
    await file.write(headerBytes);
    const write = async (values: readonly unknown[]) => {
      const chunks = values.flatMap((value) => {
        const record = v8.serialize(value);
        const length = Buffer.alloc(4);
        length.writeUInt32LE(record.length);
        checksum = crc32(record, crc32(length, checksum));
        return [length, record];
      });
      await file.writev(chunks);
    };
    const records = [saved.termVectors.rows, ...saved.evidence];
    const numbers = wordNumbers(records);
    await write([[...numbers.keys()]]);
    for (let i = 0; i < records.length; i += RECORDS_PER_TURN) {
      await write(records.slice(i, i + RECORDS_PER_TURN).map((record) => numbered(record, numbers)));
    }
    await file.write(
      hex(checksum),
      headerBytes.indexOf(`"crc32":"${placeholder}"`) + '"crc32":"'.length,
      'latin1',
    );
    await file.close();
    await rename(temporary, target);
  } catch (err) {
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw err;
  }
}

/**
 * Deletes temporary files of writes that never finished: a process stopped (or killed) in the middle of a
 * save leaves one. Only old ones go: another process sharing the folder may be writing its own right now.
 */
async function removeAbandonedWrites(dir: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(dir)) {
    if (!name.startsWith(`${FILE_NAME}.`) || !name.endsWith('.tmp')) continue;
    const file = path.join(dir, name);
    const modified = await stat(file).then(
      (s) => s.mtimeMs,
      () => now,
    );
    if (now - modified > ABANDONED_AFTER_MS) await rm(file, { force: true });
  }
}

/** Versions (`slug:contentHash`) of the articles `saved` holds: what a store compares to decide to write. */
export function savedVersions(evidence: readonly ArticleEvidence[]): Set<string> {
  return new Set(evidence.map((e) => articleVersion(e.article)));
}

function hex(checksum: number): string {
  return checksum.toString(16).padStart(8, '0');
}

function parseHeader(line: string): Header | undefined {
  try {
    const header = JSON.parse(line) as Partial<Header>;
    const { version, model, crc32 } = header;
    return typeof version === 'string' && typeof model === 'string' && typeof crc32 === 'string'
      ? { version, model, crc32 }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The body's records, from `start` on: each a 4-byte length, then that many bytes of v8-serialised value,
 * the first being the word table. Read a chunk at a time, so that 10,000 articles' evidence (half a
 * gigabyte) is never in memory twice.
 */
async function readRecords(handle: FileHandle, start: number): Promise<unknown[]> {
  const records: unknown[] = [];
  let words: readonly string[] | undefined;
  const read = (bytes: Buffer) => {
    const value: unknown = v8.deserialize(bytes);
    if (words) records.push(ownArrays(worded(value, words)));
    else if (Array.isArray(value) && value.every((w) => typeof w === 'string')) words = value;
    else throw new Error('it has no word table');
  };
  // The start of a record the previous chunk cut off (its length prefix, perhaps only part of it).
  let carried = Buffer.alloc(0);
  await forEachChunk(handle, start, (chunk) => {
    let at = 0;
    if (carried.length > 0) {
      const prefix = Math.min(Math.max(4 - carried.length, 0), chunk.length);
      const head = Buffer.concat([carried, chunk.subarray(0, prefix)]);
      if (head.length < 4) return void (carried = head);
      const missing = 4 + head.readUInt32LE(0) - head.length;
      at = prefix + Math.min(missing, chunk.length - prefix);
      carried = Buffer.concat([head, chunk.subarray(prefix, at)]);
      if (at - prefix < missing) return;
      read(carried.subarray(4));
    }
    while (at + 4 <= chunk.length) {
      const end = at + 4 + chunk.readUInt32LE(at);
      if (end > chunk.length) break;
      read(chunk.subarray(at + 4, end));
      at = end;
    }
    // Copied: the chunk's buffer is reused for the next read.
    carried = Buffer.from(chunk.subarray(at));
  });
  if (carried.length > 0) throw new Error('a record is cut short');
  if (records.length === 0) throw new Error('it holds no records');
  return records;
}

/**
 * A deserialised record with its typed arrays moved into one buffer of their own. v8.deserialize makes
 * typed arrays views into the bytes it is given, which must not be the reused read buffer, and which would
 * keep the record's text bytes alive too (a fifth of the evidence's memory). One buffer per record, not
 * one per typed array: thousands of small buffers count as external memory and make V8 collect far more
 * often (a start-up at 1,000 articles took twice as long that way). Typed arrays sit at the top of a record
 * or one object down (postings).
 */
function ownArrays(record: unknown): unknown {
  const found: { holder: Record<string, unknown>; key: string; array: TypedArray }[] = [];
  const collect = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Map) return;
    const holder = value as Record<string, unknown>;
    for (const [key, field] of Object.entries(holder)) {
      if (ArrayBuffer.isView(field) && !(field instanceof DataView))
        found.push({ holder, key, array: field as TypedArray });
      else if (depth > 0) collect(field, depth - 1);
    }
  };
  collect(record, 1);
  // Each array starts at a multiple of 8 bytes, so every element type is aligned.
  const offsets: number[] = [];
  let size = 0;
  for (const { array } of found) {
    offsets.push(size);
    size += Math.ceil(array.byteLength / 8) * 8;
  }
  const own = new ArrayBuffer(size);
  found.forEach(({ holder, key, array }, i) => {
    const Kind = array.constructor as new (buffer: ArrayBuffer, offset: number, length: number) => TypedArray;
    const copy = new Kind(own, offsets[i]!, array.length);
    copy.set(array);
    holder[key] = copy;
  });
  return record;
}

type TypedArray = Uint8Array | Int32Array | Float32Array;

/** The fields of a record (an article's evidence, or the term rows) that list words. */
const WORD_LISTS = ['contentWords', 'contentStems', 'properWords', 'terms', 'unknown'] as const;

/** A record's lists of words, as the object and key holding each: its own, and its postings' terms. */
function wordLists(record: unknown): { holder: Record<string, unknown>; key: string }[] {
  if (typeof record !== 'object' || record === null) return [];
  const fields = record as Record<string, unknown>;
  const lists = WORD_LISTS.filter((key) => key in fields).map((key) => ({ holder: fields, key }));
  const postings = fields.postings;
  if (typeof postings === 'object' && postings !== null && 'terms' in postings)
    lists.push({ holder: postings, key: 'terms' });
  return lists;
}

/**
 * Every word the records list, numbered in order of first appearance: the file's word table. Records list
 * words by number, so reading them back makes no string per occurrence (v8.deserialize made one each: at
 * 1,000 articles, ~830,000 strings for 35,000 distinct words, which were then shared one by one) and the
 * strings a start-up keeps are the table's, one per word.
 */
function wordNumbers(records: readonly unknown[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const record of records) {
    for (const { holder, key } of wordLists(record)) {
      for (const word of holder[key] as readonly string[]) {
        if (!numbers.has(word)) numbers.set(word, numbers.size);
      }
    }
  }
  return numbers;
}

/** A copy of the record listing its words by their `numbers` (the record itself is left as it is). */
function numbered(record: object, numbers: ReadonlyMap<string, number>): object {
  const copy: Record<string, unknown> = { ...record };
  // The file each article was read from, as it was then: a start-up need not read it again (see readStamps).
  const article = (record as Partial<ArticleEvidence>).article;
  const stamp = article && fileStampOf(article);
  if (stamp !== undefined) copy.fileStamp = stamp;
  if ('postings' in copy) copy.postings = { ...(copy.postings as object) };
  for (const { holder, key } of wordLists(copy)) {
    holder[key] = Int32Array.from(holder[key] as readonly string[], (word) => numbers.get(word)!);
  }
  return copy;
}

/**
 * The record with each list of word numbers replaced by its words from `words`. A list that is not one,
 * or names a number the table lacks, is left as it is, for the checks that follow to reject.
 */
function worded(record: unknown, words: readonly string[]): unknown {
  for (const { holder, key } of wordLists(record)) {
    const list = holder[key];
    if (list instanceof Int32Array && list.every((n) => n >= 0 && n < words.length))
      holder[key] = Array.from(list, (n) => words[n]!);
  }
  return record;
}

/** Calls `each` with the file's bytes from `start` to its end, a chunk at a time (one buffer, reused). */
async function forEachChunk(handle: FileHandle, start: number, each: (chunk: Buffer) => void): Promise<void> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (let position = start; ;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return;
    each(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
}

/** The record as the index keeps it, its file's stamp handed to the loader (see `numbered`). */
function withoutFileStamp(record: ArticleEvidence & { fileStamp?: unknown }): ArticleEvidence {
  const { fileStamp, ...evidence } = record;
  if (typeof fileStamp === 'string') rememberFileStamp(evidence.article, fileStamp);
  return evidence;
}

function dimsOf(evidence: ArticleEvidence): number {
  return evidence.paragraphVectors.length / evidence.article.paragraphs.length;
}

/**
 * Why a saved record is not an article's evidence consistent with itself, or undefined when it is. Any
 * inconsistency would misplace or drop a sentence's score, so it is checked, not trusted; a record of the
 * wrong shape altogether throws on the way and is reported as such.
 */
function misfit(record: unknown): string | undefined {
  try {
    const e = record as ArticleEvidence;
    const { article, postings } = e;
    if (typeof article.slug !== 'string' || typeof article.contentHash !== 'string')
      return 'names no article';
    const at = `of ${article.slug}`;
    const paragraphs = article.paragraphs.length;
    const sentences = article.paragraphs.reduce((n, p) => n + p.sentences.length, 0);
    if (paragraphs === 0) return `${at} has no paragraphs`;
    const strings = (list: readonly unknown[]) => list.every((s) => typeof s === 'string');
    if (
      !article.paragraphs.every((p) => typeof p.text === 'string' && strings(p.sentences.map((s) => s.text)))
    )
      return `${at} holds a paragraph without text`;
    if (!strings(e.contentWords) || !strings(e.contentStems) || !strings(e.properWords))
      return `${at} holds words that are not text`;
    if (e.contentStems.length !== e.contentWords.length)
      return `${at} has ${e.contentStems.length} stems for ${e.contentWords.length} content words`;
    if (e.sentenceWords.length !== sentences || !strings(e.sentenceWords))
      return `${at} has words for ${e.sentenceWords.length} sentences of ${sentences}`;
    if (!(e.sentenceKinds instanceof Uint8Array) || e.sentenceKinds.length !== sentences)
      return `${at} has answer kinds for the wrong number of sentences`;
    const dims = e.paragraphVectors.length / paragraphs;
    if (
      !(e.paragraphVectors instanceof Float32Array) ||
      !(e.sentenceVectors instanceof Float32Array) ||
      !Number.isInteger(dims) ||
      e.sentenceVectors.length !== sentences * dims
    )
      return `${at} has vectors that do not match its paragraphs and sentences`;
    if (!e.paragraphVectors.every(Number.isFinite) || !e.sentenceVectors.every(Number.isFinite))
      return `${at} has vectors that are not finite numbers`;
    return postingsMisfit(postings, sentences, paragraphs, at);
  } catch {
    return 'is not an article’s evidence';
  }
}

function postingsMisfit(
  postings: ArticleEvidence['postings'],
  sentences: number,
  paragraphs: number,
  at: string,
): string | undefined {
  const { terms, start, pairs, sentenceLengths, paragraphOfSentence, paragraphLengths } = postings;
  const ints = [start, pairs, sentenceLengths, paragraphOfSentence, paragraphLengths];
  if (
    !Array.isArray(terms) ||
    !terms.every((term) => typeof term === 'string') ||
    !ints.every((a) => a instanceof Int32Array)
  )
    return `${at} has postings of the wrong shape`;
  if (
    sentenceLengths.length !== sentences ||
    paragraphOfSentence.length !== sentences ||
    paragraphLengths.length !== paragraphs ||
    !paragraphOfSentence.every((p) => p >= 0 && p < paragraphs)
  )
    return `${at} has postings for the wrong sentences or paragraphs`;
  if (start.length !== terms.length + 1 || start[0] !== 0 || start[terms.length] !== pairs.length)
    return `${at} has postings whose terms do not match their lists`;
  for (let t = 0; t < terms.length; t++)
    if (start[t + 1]! < start[t]!) return `${at} has postings out of order`;
  // Pairs are (sentence, occurrences).
  for (let i = 0; i < pairs.length; i += 2)
    if (!(pairs[i]! >= 0 && pairs[i]! < sentences && pairs[i + 1]! > 0))
      return `${at} has a posting outside its sentences`;
  return undefined;
}

function termRowsMisfit(rows: unknown, dims: number): string | undefined {
  try {
    const { terms, matrix, unknown } = rows as TermRows;
    if (!(matrix instanceof Float32Array) || !Array.isArray(terms) || !Array.isArray(unknown))
      return 'are of the wrong shape';
    if (matrix.length !== terms.length * dims) return 'do not match the vectors’ dimension';
    if (!matrix.every(Number.isFinite)) return 'are not finite numbers';
    return undefined;
  } catch {
    return 'are of the wrong shape';
  }
}
