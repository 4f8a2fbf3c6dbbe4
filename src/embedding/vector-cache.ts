import { createHash, hash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { Embedder } from './embedder.js';

const HASH_BYTES = 16;
/**
 * VEC2 adds a sha256 of the records to VEC1's header (magic, dims, count): a VEC1 file of the right
 * length with damaged bytes was read as vectors, and NaN scores answered off-topic questions.
 */
const MAGIC = 'VEC2';
const CHECKSUM_AT = 12;
const HEADER_BYTES = CHECKSUM_AT + 32;
/** The rewrite's buffer: records are written this much at a time. */
const WRITE_CHUNK_BYTES = 1024 * 1024;
// Vectors are stored as float32: a unit vector's squared norm comes back within about 1e-6 of 1.
const UNIT_TOLERANCE = 1e-3;

/**
 * Vectors on disk, keyed by a hash of the text, so a restart or reload embeds only new or changed text.
 * One file per model and knowledge folder: a flat binary of (hash, float32 vector) records behind a header
 * with their checksum, rewritten atomically (temp file + rename, the temp file removed if that fails) so
 * a crash never leaves a torn cache. A damaged file (wrong length, checksum, a vector that is not finite
 * and unit length or zero, or of another dimension than the model now gives) is logged, ignored and
 * rewritten. Nothing is held in memory between calls: the index keeps the vectors it uses, and the file
 * is read only when texts arrive that the index does not have.
 */
export class VectorCache {
  private constructor(
    readonly file: string,
    private readonly logger: Logger | undefined,
  ) {}

  /**
   * The cache of one model for one knowledge folder (`scope`, any string naming it). Folders get files
   * of their own because each file keeps only its folder's vectors, as `embed` describes. A damaged file
   * is reported to `logger` as a warning (without one, through `process.emitWarning`).
   */
  static open(cacheDir: string, modelId: string, scope = '', logger?: Logger): Promise<VectorCache> {
    const scopeTag = scope === '' ? '' : `--${createHash('sha256').update(scope).digest('hex').slice(0, 12)}`;
    const name = `${modelId.replace(/[^a-zA-Z0-9._-]+/g, '__')}${scopeTag}.vec`;
    return Promise.resolve(new VectorCache(path.join(cacheDir, name), logger));
  }

  /** How many vectors the file holds. */
  async size(): Promise<number> {
    return this.#records(await this.#read()).size;
  }

  /**
   * Embeds `texts`, taking stored vectors where it can; `computed` counts the texts the model had to embed.
   * When it embeds anything it rewrites the file with the vectors of `live` texts only (the whole knowledge
   * base's, which `texts` may be a part of), so vectors of deleted or edited text do not pile up. A file
   * that cannot be written is reported as `writeError`, not thrown: the vectors are good, only a later
   * start will have to embed them again.
   */
  async embed(
    embedder: Embedder,
    texts: readonly string[],
    live: readonly string[] = texts,
  ): Promise<{ vectors: Float32Array[]; computed: number; writeError?: unknown }> {
    if (texts.length === 0) return { vectors: [], computed: 0 };
    let file = await this.#read();
    const keys = texts.map(textKey);
    // Only the records asked for are picked out and checked: a shard following another's reload wants one
    // article's vectors from a file of the whole knowledge base.
    let stored = this.#records(file, new Set(keys));
    const textByKey = new Map(keys.map((key, i) => [key, texts[i]!]));
    const fresh = new Map<string, Float32Array>();
    const embedMissing = async () => {
      const missing = [...textByKey.keys()].filter((key) => !stored.has(key) && !fresh.has(key));
      if (missing.length === 0) return;
      const embedded = await embedder.embed(missing.map((key) => textByKey.get(key)!));
      missing.forEach((key, i) => fresh.set(key, embedded[i]!));
    };
    await embedMissing();
    // Only the model knows its dimension: stored vectors of another (the model behind this id changed)
    // would make every score wrong, so they go and are embedded again.
    const [storedBytes] = stored.values();
    const [freshVector] = fresh.values();
    if (storedBytes && freshVector && storedBytes.length !== freshVector.byteLength) {
      this.#warn(
        `holds ${storedBytes.length / 4}-dimensional vectors where the model gives ${freshVector.length}`,
        'discarded',
      );
      file = undefined;
      stored = new Map();
      await embedMissing();
    }
    const missing = [...fresh.keys()];
    const writeError =
      missing.length === 0
        ? undefined
        : await this.#write(file, new Set(live.map(textKey)), fresh).then(
            () => undefined,
            (err: unknown) => err ?? new Error('unknown error'),
          );
    // Copied out of the file's buffer, so each vector is aligned and the buffer can be freed.
    const vectors = keys.map((key) => fresh.get(key) ?? toFloats(stored.get(key)!));
    return { vectors, computed: missing.length, ...(writeError === undefined ? {} : { writeError }) };
  }

  /**
   * The file, whole and matching its checksum; undefined when there is none, and when it cannot be read or
   * is damaged, which is logged.
   */
  async #read(): Promise<CacheFile | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (err) {
      const { code } = err as NodeJS.ErrnoException;
      if (code !== 'ENOENT') this.#warn(`cannot be read (${code ?? String(err)})`, 'not used');
      return undefined;
    }
    const magic = bytes.toString('latin1', 0, 4);
    if (magic !== MAGIC && /^VEC\d$/u.test(magic)) {
      // Not damage: an upgrade. Said once, quietly, as the file is replaced.
      this.logger?.info(
        { file: this.file },
        `vector cache ${this.file} is of format ${magic}: embedding again`,
      );
      return undefined;
    }
    const problem = damage(bytes);
    if (problem) {
      this.#warn(problem, 'discarded');
      return undefined;
    }
    return { bytes, dims: bytes.readUInt32LE(4), count: bytes.readUInt32LE(8), discarded: false };
  }

  /**
   * The file's records with `wanted` keys (all without), as views into its bytes, by key; empty when the
   * file is discarded (see #scan).
   */
  #records(file: CacheFile | undefined, wanted?: ReadonlySet<string>): Map<string, Buffer> {
    const records = new Map<string, Buffer>();
    if (!file) return records;
    const record = HASH_BYTES + file.dims * 4;
    const sound = this.#scan(
      file,
      (key) => !wanted || wanted.has(key),
      (key, offset) => records.set(key, file.bytes.subarray(offset + HASH_BYTES, offset + record)),
    );
    return sound ? records : new Map<string, Buffer>();
  }

  /**
   * Hands `take` the key and offset of each of the file's records that `pick` picks, after checking its
   * vector (finite, unit length or zero: the checksum says the file is as written, not that its writer was
   * sound), until `done` says so. One bad vector discards the whole file, logged: false then and after.
   */
  #scan(
    file: CacheFile,
    pick: (key: string) => boolean,
    take: (key: string, offset: number) => void,
    done: () => boolean = () => false,
  ): boolean {
    if (file.discarded) return false;
    const { bytes, dims, count } = file;
    const record = HASH_BYTES + dims * 4;
    // Read as floats in place (a copy only when the bytes are not aligned): a large knowledge base's cache
    // holds millions of vectors, and a second copy of it raised the start-up's peak memory.
    const floats = floatView(bytes.subarray(HEADER_BYTES));
    for (let i = 0, offset = HEADER_BYTES; i < count && !done(); i++, offset += record) {
      const key = bytes.toString('hex', offset, offset + HASH_BYTES);
      if (!pick(key)) continue;
      const problem = vectorProblem(floats, (offset - HEADER_BYTES + HASH_BYTES) / 4, dims);
      if (problem) {
        this.#warn(`holds a vector that is ${problem} (record ${i})`, 'discarded');
        file.discarded = true;
        return false;
      }
      take(key, offset);
    }
    return true;
  }

  #warn(problem: string, outcome: 'discarded' | 'not used'): void {
    const message = `vector cache ${this.file} ${problem}: ${outcome}, its vectors will be embedded again`;
    if (this.logger) this.logger.warn({ file: this.file, problem }, message);
    else process.emitWarning(message);
  }

  /**
   * Rewrites the file with the vectors of `liveKeys`: `fresh` ones, and the others copied from `file` byte
   * for byte. No view or map entry is made per stored record: at 10,000 articles the file holds 400,000,
   * and making them cost a reload ~700 MB of garbage. A stored vector that is unsound discards them all
   * (see #scan).
   */
  async #write(
    file: CacheFile | undefined,
    liveKeys: ReadonlySet<string>,
    fresh: ReadonlyMap<string, Float32Array>,
  ) {
    const [freshVector] = fresh.values();
    const dims = freshVector?.length ?? 0;
    const recordBytes = HASH_BYTES + dims * 4;
    // The stored records to keep, by offset: live, not embedded afresh, once each.
    const kept: number[] = [];
    if (file && file.dims === dims) {
      const wanted = new Set([...liveKeys].filter((key) => !fresh.has(key)));
      const sound = this.#scan(
        file,
        (key) => wanted.delete(key),
        (_, offset) => kept.push(offset),
        () => wanted.size === 0,
      );
      if (!sound) kept.length = 0;
    }
    const freshKeys = [...liveKeys].filter((key) => fresh.has(key));
    const header = Buffer.alloc(HEADER_BYTES);
    header.write(MAGIC, 0, 'latin1');
    header.writeUInt32LE(dims, 4);
    header.writeUInt32LE(kept.length + freshKeys.length, 8);
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${randomUUID()}.tmp`;
    const out = await open(temp, 'w');
    try {
      // Records are written a chunk at a time through one buffer, and the checksum taken as they go, so
      // the rewrite holds no second copy of the cache (23 MB at 1,000 articles, at the peak of a first
      // start or a reload). The header's checksum is filled in at the end.
      await out.write(header);
      const sha256 = createHash('sha256');
      const chunk = Buffer.alloc(Math.max(1, Math.floor(WRITE_CHUNK_BYTES / recordBytes)) * recordBytes);
      let filled = 0;
      const room = async () => {
        if (filled + recordBytes <= chunk.length) return;
        sha256.update(chunk.subarray(0, filled));
        await out.write(chunk, 0, filled);
        filled = 0;
      };
      for (const offset of kept) {
        await room();
        file!.bytes.copy(chunk, filled, offset, offset + recordBytes);
        filled += recordBytes;
      }
      for (const key of freshKeys) {
        await room();
        const vector = fresh.get(key)!;
        chunk.write(key, filled, HASH_BYTES, 'hex');
        chunk.set(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), filled + HASH_BYTES);
        filled += recordBytes;
      }
      sha256.update(chunk.subarray(0, filled));
      await out.write(chunk, 0, filled);
      await out.write(sha256.digest(), 0, 32, CHECKSUM_AT);
      await out.close();
      await rename(temp, this.file);
    } catch (err) {
      // Each failed write would otherwise leave a full-size copy of the cache behind.
      await out.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw err;
    }
  }
}

/** The sha256 of a cache file's records (everything after the header). */
function checksum(file: Buffer): Buffer {
  return createHash('sha256').update(file.subarray(HEADER_BYTES)).digest();
}

/** A cache file's bytes, found whole; see VectorCache.#scan for its vectors. */
interface CacheFile {
  bytes: Buffer;
  dims: number;
  count: number;
  /** Set when a vector of it was found unsound: none of it is used then. */
  discarded: boolean;
}

/** What is wrong with a cache file's bytes as a whole (header, length, checksum), or undefined. */
function damage(bytes: Buffer): string | undefined {
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, 4) !== MAGIC) {
    return 'is not a vector cache of this version';
  }
  const dims = bytes.readUInt32LE(4);
  const count = bytes.readUInt32LE(8);
  const record = HASH_BYTES + dims * 4;
  if (bytes.length !== HEADER_BYTES + count * record) {
    return `is ${bytes.length} bytes where its header promises ${HEADER_BYTES + count * record} (cut short?)`;
  }
  if (!checksum(bytes).equals(bytes.subarray(CHECKSUM_AT, HEADER_BYTES))) {
    return 'does not match its checksum (damaged)';
  }
  if (count > 0 && dims === 0) return 'holds vectors of no dimension';
  return undefined;
}

/**
 * What is wrong with the stored vector `floats[start, start + dims)` (not finite, or neither unit length nor
 * zero), or undefined.
 */
function vectorProblem(floats: Float32Array, start: number, dims: number): string | undefined {
  let norm = 0;
  for (let i = start; i < start + dims; i++) norm += floats[i]! * floats[i]!;
  if (!Number.isFinite(norm)) return 'not finite';
  if (norm !== 0 && Math.abs(norm - 1) > UNIT_TOLERANCE) return 'not unit length';
  return undefined;
}

/** The bytes as floats, without copying when they start on a 4-byte boundary. */
function floatView(bytes: Buffer): Float32Array {
  return bytes.byteOffset % 4 === 0
    ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)
    : toFloats(bytes);
}

function toFloats(bytes: Buffer): Float32Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/**
 * The first HASH_BYTES of the text's sha256, in hex. One-shot `hash` rather than a Hash object: a reload
 * keys every text of the knowledge base (~70,000 at 1,000 articles), and making a Hash object for each took
 * most of that time.
 */
function textKey(text: string): string {
  return hash('sha256', text).slice(0, HASH_BYTES * 2);
}
