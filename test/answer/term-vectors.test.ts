import { describe, expect, it } from 'vitest';
import { TermVectors } from '../../src/answer/term-vectors.js';

const vectors = new Map([
  ['court', Float32Array.of(1, 0)],
  ['zzqx', Float32Array.of(0, 0)],
  ['judg', Float32Array.of(0, 1)],
]);

describe('TermVectors.holdsExactly', () => {
  const built = TermVectors.fromVectors(vectors);

  it('holds the terms it was built from, in their order, wherever the vectorless ones fall', () => {
    expect(built.holdsExactly(['court', 'zzqx', 'judg'])).toBe(true);
    expect(built.holdsExactly(['zzqx', 'court', 'judg'])).toBe(true);
  });

  it('does not hold another order, a term more or a term less', () => {
    expect(built.holdsExactly(['judg', 'court', 'zzqx'])).toBe(false);
    expect(built.holdsExactly(['court', 'zzqx', 'judg', 'fine'])).toBe(false);
    expect(built.holdsExactly(['court', 'judg'])).toBe(false);
    expect(built.holdsExactly(['court', 'zzqx'])).toBe(false);
  });
});
