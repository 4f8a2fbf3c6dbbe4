import { dotRows } from '../embedding/embedder.js';

/** A term of the knowledge base near a question word in meaning, and how near (cosine, 0–1). */
export interface NearTerm {
  term: string;
  similarity: number;
}

/**
 * One unit vector per index term (stem) of the knowledge base, from the embedding model's own word
 * vectors, so a question word can be matched to the article's words by meaning ("turnover" to
 * "revenue", "prosecutor" to "attorney") as well as by form. Immutable once built.
 */
export class TermVectors {
  readonly #terms: string[] = [];
  readonly #rowOf = new Map<string, number>();
  readonly #matrix: Float32Array;
  readonly #dims: number;

  /** `vectors`: term → unit vector; all-zero vectors (words the model does not know) are left out. */
  constructor(vectors: ReadonlyMap<string, Float32Array>) {
    const known = [...vectors].filter(([, v]) => v.some((x) => x !== 0));
    this.#dims = known[0]?.[1].length ?? 0;
    this.#matrix = new Float32Array(known.length * this.#dims);
    known.forEach(([term, vector], i) => {
      this.#terms.push(term);
      this.#rowOf.set(term, i);
      this.#matrix.set(vector, i * this.#dims);
    });
  }

  /** A term's vector, if the model knows it: for the next build to reuse. */
  vector(term: string): Float32Array | undefined {
    const row = this.#rowOf.get(term);
    return row === undefined ? undefined : this.#matrix.subarray(row * this.#dims, (row + 1) * this.#dims);
  }

  /** Terms at least `min` similar to `vector`, best first, at most `limit`. */
  near(vector: Float32Array, min: number, limit: number): NearTerm[] {
    const dims = this.#dims;
    if (dims === 0 || vector.length !== dims || !vector.some((x) => x !== 0)) return [];
    const similarities = new Float64Array(this.#terms.length);
    dotRows(this.#matrix, vector, similarities, 0);
    const found: NearTerm[] = [];
    similarities.forEach((similarity, row) => {
      if (similarity >= min) found.push({ term: this.#terms[row]!, similarity });
    });
    return found.sort((x, y) => y.similarity - x.similarity).slice(0, limit);
  }
}
