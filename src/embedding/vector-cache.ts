import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from './embedder.js';

const HASH_BYTES = 16;
const MAGIC = 'VEC1';

/**
 * Vectors on disk, keyed by a hash of the text, so a restart or reload embeds only new or changed text.
 * One file per model and knowledge folder: a flat binary of (hash, float32 vector) records, rewritten
 * atomically (temp file + rename) so a crash never leaves a torn cache; a corrupt file is ignored.
 * Nothing is held in memory between calls: the index keeps the vectors it uses, and the file is read only
 * when texts arrive that the index does not have.
 */
export class VectorCache {
  private constructor(readonly file: string) {}

  /**
   * The cache of one model for one knowledge folder (`scope`, any string naming it). Folders get files
   * of their own because each file keeps only its folder's vectors, as `embed` describes.
   */
  static open(cacheDir: string, modelId: string, scope = ''): Promise<VectorCache> {
    const scopeTag = scope === '' ? '' : `--${createHash('sha256').update(scope).digest('hex').slice(0, 12)}`;
    return Promise.resolve(
      new VectorCache(path.join(cacheDir, `${modelId.replace(/[^a-zA-Z0-9._-]+/g, '__')}${scopeTag}.vec`)),
    );
  }

  /** How many vectors the file holds. */
  async size(): Promise<number> {
    return (await this.#read()).size;
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
    const stored = await this.#read();
    const keys = texts.map(textKey);
    const missing = [...new Set(keys.filter((key) => !stored.has(key)))];
    const fresh = new Map<string, Float32Array>();
    if (missing.length > 0) {
      const textByKey = new Map(keys.map((key, i) => [key, texts[i]!]));
      const embedded = await embedder.embed(missing.map((key) => textByKey.get(key)!));
      missing.forEach((key, i) => fresh.set(key, embedded[i]!));
    }
    const writeError =
      missing.length === 0
        ? undefined
        : await this.#write(live.map(textKey), stored, fresh).then(
            () => undefined,
            (err: unknown) => err ?? new Error('unknown error'),
          );
    // Copied out of the file's buffer, so each vector is aligned and the buffer can be freed.
    const vectors = keys.map((key) => fresh.get(key) ?? toFloats(stored.get(key)!));
    return { vectors, computed: missing.length, ...(writeError === undefined ? {} : { writeError }) };
  }

  /** The file's records as views into its bytes, by key; empty when there is no readable file. */
  async #read(): Promise<Map<string, Buffer>> {
    const records = new Map<string, Buffer>();
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch {
      return records;
    }
    if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== MAGIC) return records;
    const dims = bytes.readUInt32LE(4);
    const count = bytes.readUInt32LE(8);
    const record = HASH_BYTES + dims * 4;
    if (bytes.length !== 12 + count * record) return records;
    for (let i = 0, offset = 12; i < count; i++, offset += record) {
      records.set(
        bytes.toString('hex', offset, offset + HASH_BYTES),
        bytes.subarray(offset + HASH_BYTES, offset + record),
      );
    }
    return records;
  }

  async #write(
    keys: readonly string[],
    stored: ReadonlyMap<string, Buffer>,
    fresh: ReadonlyMap<string, Float32Array>,
  ) {
    const records: [string, Uint8Array][] = [];
    for (const key of new Set(keys)) {
      const vector = fresh.get(key);
      const bytes = vector
        ? new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)
        : stored.get(key);
      if (bytes) records.push([key, bytes]);
    }
    const dims = (records[0]?.[1].length ?? 0) / 4;
    // One buffer of the final size, filled in place: tens of thousands of small parts cost more to join.
    const file = Buffer.alloc(12 + records.length * (HASH_BYTES + dims * 4));
    file.write(MAGIC, 0, 'latin1');
    file.writeUInt32LE(dims, 4);
    file.writeUInt32LE(records.length, 8);
    let offset = 12;
    for (const [key, bytes] of records) {
      file.write(key, offset, HASH_BYTES, 'hex');
      file.set(bytes, offset + HASH_BYTES);
      offset += HASH_BYTES + bytes.length;
    }
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, file);
    await rename(temp, this.file);
  }
}

function toFloats(bytes: Buffer): Float32Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

function textKey(text: string): string {
  return createHash('sha256').update(text).digest().subarray(0, HASH_BYTES).toString('hex');
}
