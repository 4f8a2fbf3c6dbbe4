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

  get size(): number {
    return this.#terms.length;
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
    const found: NearTerm[] = [];
    const matrix = this.#matrix;
    const whole = dims - (dims % 4);
    for (let row = 0, offset = 0; row < this.#terms.length; row++, offset += dims) {
      // Four products per step: at a thousand articles this loop runs over tens of thousands of terms.
      let a = 0;
      let b = 0;
      let c = 0;
      let e = 0;
      let d = 0;
      for (; d < whole; d += 4) {
        a += matrix[offset + d]! * vector[d]!;
        b += matrix[offset + d + 1]! * vector[d + 1]!;
        c += matrix[offset + d + 2]! * vector[d + 2]!;
        e += matrix[offset + d + 3]! * vector[d + 3]!;
      }
      for (; d < dims; d++) a += matrix[offset + d]! * vector[d]!;
      const similarity = a + b + c + e;
      if (similarity >= min) found.push({ term: this.#terms[row]!, similarity });
    }
    return found.sort((x, y) => y.similarity - x.similarity).slice(0, limit);
  }
}
