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
  const rows = matrix.length / dims;
  // This loop is most of an /ask on a large knowledge base. Each row's products are summed in four
  // running sums (every fourth dimension), and rows go in pairs: eight independent sums keep the processor
  // busy where four wait on one another. Each row's sums are the ones it would have alone, in the same
  // order, so its result does not depend on its pair (an odd last row is paired with itself).
  const whole = dims - (dims % 4);
  for (let r = 0; r < rows; r += 2) {
    const first = r * dims;
    const second = r + 1 < rows ? first + dims : first;
    let a = 0;
    let b = 0;
    let c = 0;
    let e = 0;
    let a2 = 0;
    let b2 = 0;
    let c2 = 0;
    let e2 = 0;
    let d = 0;
    for (; d < whole; d += 4) {
      const q0 = query[d]!;
      const q1 = query[d + 1]!;
      const q2 = query[d + 2]!;
      const q3 = query[d + 3]!;
      a += matrix[first + d]! * q0;
      b += matrix[first + d + 1]! * q1;
      c += matrix[first + d + 2]! * q2;
      e += matrix[first + d + 3]! * q3;
      a2 += matrix[second + d]! * q0;
      b2 += matrix[second + d + 1]! * q1;
      c2 += matrix[second + d + 2]! * q2;
      e2 += matrix[second + d + 3]! * q3;
    }
    for (; d < dims; d++) {
      a += matrix[first + d]! * query[d]!;
      a2 += matrix[second + d]! * query[d]!;
    }
    out[row + r] = a + b + c + e;
    if (r + 1 < rows) out[row + r + 1] = a2 + b2 + c2 + e2;
  }
  return row + rows;
}
