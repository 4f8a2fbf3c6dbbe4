/** Turns texts into unit-length vectors (or all-zero vectors for texts with no known content words). */
export interface Embedder {
  /** Identifies the model; part of the vector cache key. */
  readonly modelId: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Scales a vector to unit length in place; a zero vector stays zero instead of becoming NaN. */
export function normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  if (sum === 0 || !Number.isFinite(sum)) return vector.fill(0);
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  return vector;
}

/** Dot product; equals cosine similarity for the unit vectors an Embedder returns. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Writes the query's dot product with each row of `matrix` into `out` from position `row`; returns the next position. */
export function dotRows(matrix: Float32Array, query: Float32Array, out: Float64Array, row: number): number {
  const dims = query.length;
  if (dims === 0) return row;
  // Four products per step: this loop is most of an /ask on a large knowledge base.
  const whole = dims - (dims % 4);
  for (let offset = 0; offset < matrix.length; offset += dims, row++) {
    let a = 0;
    let b = 0;
    let c = 0;
    let e = 0;
    let d = 0;
    for (; d < whole; d += 4) {
      a += matrix[offset + d]! * query[d]!;
      b += matrix[offset + d + 1]! * query[d + 1]!;
      c += matrix[offset + d + 2]! * query[d + 2]!;
      e += matrix[offset + d + 3]! * query[d + 3]!;
    }
    for (; d < dims; d++) a += matrix[offset + d]! * query[d]!;
    out[row] = a + b + c + e;
  }
  return row;
}
