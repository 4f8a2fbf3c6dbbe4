import { describe, expect, it } from 'vitest';
import { growth, percentile, summarise } from '../../src/bench/stats.js';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the nearest rank, so every percentile is a measured value', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
  });

  it('does not depend on the order of the samples', () => {
    expect(percentile([9, 1, 5, 3, 7], 50)).toBe(5);
    expect(percentile([...hundred].reverse(), 95)).toBe(95);
  });

  it('gives the smallest sample at 0 and the largest at 100', () => {
    expect(percentile([4, 2, 8], 0)).toBe(2);
    expect(percentile([4, 2, 8], 100)).toBe(8);
  });

  it('answers a single sample with that sample at every percentile', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses an empty list and a percentile outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('leaves the samples it was given unsorted', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('summarise', () => {
  it('reports the count, p50, p95 and max', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(summarise(samples)).toEqual({ n: 20, p50: 10, p95: 19, max: 20 });
  });
});

describe('growth', () => {
  const sizes = [1, 10, 100, 1000];

  it('calls a figure that grows tenfold per tenfold step linear', () => {
    const g = growth(sizes, [2, 20, 200, 2000]);
    expect(g.perTenfold.map((f) => f && Math.round(f * 1000) / 1000)).toEqual([10, 10, 10]);
    expect(g.verdict).toBe('linear');
  });

  it('calls a flat or slowly growing figure sub-linear', () => {
    expect(growth(sizes, [5, 5, 5, 5]).verdict).toBe('sub-linear');
    expect(growth(sizes, [1, 2, 4, 8]).verdict).toBe('sub-linear');
  });

  it('calls a figure growing faster than the corpus worse', () => {
    expect(growth(sizes, [1, 100, 10_000, 1_000_000]).verdict).toBe('worse');
  });

  it('judges on the last step, where fixed costs no longer hide the trend', () => {
    expect(growth(sizes, [100, 101, 110, 1100]).verdict).toBe('linear');
  });

  it('scales uneven steps to a tenfold step', () => {
    const [factor] = growth([10, 1000], [1, 100]).perTenfold;
    expect(factor).toBeCloseTo(10);
  });

  it('leaves a step without a usable value out, and says n/a when the last step has none', () => {
    expect(growth(sizes, [1, 0, 2, 3]).perTenfold.slice(0, 2)).toEqual([null, null]);
    expect(growth(sizes, [0, 0, 0, 0]).verdict).toBe('n/a');
    expect(growth(sizes, [1, 2, 3, null]).verdict).toBe('n/a');
  });

  it('refuses sizes and values of different lengths', () => {
    expect(() => growth([1, 10], [1])).toThrow(RangeError);
  });
});
