import { dotRows } from '../embedding/embedder.js';

/** A term of the knowledge base near a question word in meaning, and how near (cosine, 0–1). */
export interface NearTerm {
  term: string;
  similarity: number;
}

/**
 * Terms and their unit vectors, the row of `matrix` at i being the vector of `terms[i]`, and the terms the
 * model has no vector for (all zero), so that they are not embedded again at every build.
 */
export interface TermRows {
  terms: readonly string[];
  matrix: Float32Array;
  unknown: readonly string[];
}

/**
 * One unit vector per index term (stem) of the knowledge base, from the embedding model's own word
 * vectors, so a question word can be matched to the article's words by meaning ("turnover" to
 * "revenue", "prosecutor" to "attorney") as well as by form. Immutable once built.
 */
export class TermVectors {
  readonly #terms: readonly string[];
  readonly #unknown: ReadonlySet<string>;
  readonly #rowOf = new Map<string, number>();
  readonly #matrix: Float32Array;
  readonly #dims: number;

  /** `vectors`: term → unit vector; all-zero vectors (words the model does not know) are left out. */
  static fromVectors(vectors: ReadonlyMap<string, Float32Array>): TermVectors {
    const known = [...vectors].filter(([, v]) => v.some((x) => x !== 0));
    const dims = known[0]?.[1].length ?? 0;
    const matrix = new Float32Array(known.length * dims);
    known.forEach(([, vector], i) => matrix.set(vector, i * dims));
    const unknown = [...vectors.keys()].filter((term) => !vectors.get(term)!.some((x) => x !== 0));
    return new TermVectors({ terms: known.map(([term]) => term), matrix, unknown });
  }

  /** From `rows` as `rows` gives them (a saved index's). */
  constructor({ terms, matrix, unknown }: TermRows) {
    this.#terms = terms;
    this.#unknown = new Set(unknown);
    this.#matrix = matrix;
    this.#dims = terms.length === 0 ? 0 : matrix.length / terms.length;
    terms.forEach((term, row) => this.#rowOf.set(term, row));
  }

  /** Its terms and their vectors, one row each: plain data, for saving. */
  get rows(): TermRows {
    return { terms: this.#terms, matrix: this.#matrix, unknown: [...this.#unknown] };
  }

  /**
   * True when it holds exactly `terms`, its rows in their order and the rest known to have no vector: what
   * `fromVectors` would build again from them and its own vectors, so a build over the same terms (a
   * start-up from saved evidence, a reload that brings no new word) keeps it instead of copying every row.
   */
  holdsExactly(terms: Iterable<string>): boolean {
    let row = 0;
    let unknown = 0;
    for (const term of terms) {
      if (this.#terms[row] === term) row++;
      else if (this.#unknown.has(term)) unknown++;
      else return false;
    }
    return row === this.#terms.length && unknown === this.#unknown.size;
  }

  /** True when the term was embedded, whether or not the model knew it. */
  has(term: string): boolean {
    return this.#rowOf.has(term) || this.#unknown.has(term);
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
