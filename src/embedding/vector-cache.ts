import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from './embedder.js';

const HASH_BYTES = 16;
const MAGIC = 'VEC1';

/**
 * Vectors on disk, keyed by model id (one file per model) and a hash of the text, so a restart or reload
 * embeds only new or changed text. The file is a flat binary of (hash, float32 vector) records, rewritten
 * atomically (temp file + rename) so a crash never leaves a torn cache; a corrupt file is ignored.
 */
export class VectorCache {
  #vectors = new Map<string, Float32Array>();
  #dirty = false;

  private constructor(readonly file: string) {}

  /** Opens the cache for a model; a missing or unreadable file starts empty. */
  static async open(cacheDir: string, modelId: string): Promise<VectorCache> {
    const file = path.join(cacheDir, `${modelId.replace(/[^a-zA-Z0-9._-]+/g, '__')}.vec`);
    const cache = new VectorCache(file);
    try {
      cache.#decode(await readFile(file));
    } catch {
      cache.#vectors.clear();
    }
    return cache;
  }

  get size(): number {
    return this.#vectors.size;
  }

  /** Embeds `texts`, taking cached vectors where it can; `computed` counts the texts the model had to embed. */
  async embed(
    embedder: Embedder,
    texts: readonly string[],
  ): Promise<{ vectors: Float32Array[]; computed: number }> {
    const keys = texts.map(textKey);
    const missing = [...new Set(keys.filter((key) => !this.#vectors.has(key)))];
    if (missing.length > 0) {
      const textByKey = new Map(keys.map((key, i) => [key, texts[i]!]));
      const fresh = await embedder.embed(missing.map((key) => textByKey.get(key)!));
      missing.forEach((key, i) => this.#vectors.set(key, fresh[i]!));
      this.#dirty = true;
    }
    return { vectors: keys.map((key) => this.#vectors.get(key)!), computed: missing.length };
  }

  /** Writes new vectors to disk, if there are any. */
  async save(): Promise<void> {
    if (!this.#dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, this.#encode());
    await rename(temp, this.file);
    this.#dirty = false;
  }

  #encode(): Buffer {
    const first = this.#vectors.values().next().value;
    const dims = first?.length ?? 0;
    const header = Buffer.alloc(12);
    header.write(MAGIC, 0, 'latin1');
    header.writeUInt32LE(dims, 4);
    header.writeUInt32LE(this.#vectors.size, 8);
    const parts: Buffer[] = [header];
    for (const [key, vector] of this.#vectors) {
      parts.push(Buffer.from(key, 'hex'), Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
    }
    return Buffer.concat(parts);
  }

  #decode(bytes: Buffer): void {
    if (bytes.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a vector cache');
    const dims = bytes.readUInt32LE(4);
    const count = bytes.readUInt32LE(8);
    const record = HASH_BYTES + dims * 4;
    if (bytes.length !== 12 + count * record) throw new Error('truncated vector cache');
    for (let i = 0, offset = 12; i < count; i++, offset += record) {
      const key = bytes.toString('hex', offset, offset + HASH_BYTES);
      // Copy out, so each vector is aligned and the big file buffer can be freed.
      const vector = new Float32Array(dims);
      Buffer.from(vector.buffer).set(bytes.subarray(offset + HASH_BYTES, offset + record));
      this.#vectors.set(key, vector);
    }
  }
}

function textKey(text: string): string {
  return createHash('sha256').update(text).digest().subarray(0, HASH_BYTES).toString('hex');
}
