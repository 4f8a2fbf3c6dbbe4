/** p50 and p95 of a set of timings, with the sample count so a reader can judge them. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/**
 * The nearest-rank percentile: the smallest sample with at least `p`% of the samples at or below it.
 * Chosen over interpolation because every figure it reports is a time that was actually measured.
 * Throws on an empty list or a `p` outside 0–100.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** p50, p95 and max of `samples` (which must not be empty). */
export function summarise(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: percentile(samples, 100),
  };
}

/** How a figure grows: one factor per step between sizes, each scaled to a tenfold step. */
export interface Growth {
  /** Growth factor per 10× more articles, for each consecutive pair of sizes (null where undefined). */
  perTenfold: (number | null)[];
  /** Judged on the largest step, where fixed overheads matter least. */
  verdict: 'sub-linear' | 'linear' | 'worse' | 'n/a';
}

// Exponents within this band of 1 count as linear: timings on a shared 2-core machine wobble by ~10%.
const LINEAR_BAND = 0.15;

/**
 * Factor by which `values` grow per tenfold increase of `sizes` (sizes ascending, same length), and a
 * one-word verdict from the last step: exponent below 0.85 is sub-linear, above 1.15 worse than linear.
 * A step with a missing or non-positive value has no factor; a last step without one gives 'n/a'.
 */
export function growth(sizes: readonly number[], values: readonly (number | null | undefined)[]): Growth {
  if (sizes.length !== values.length) throw new RangeError('sizes and values differ in length');
  const perTenfold: (number | null)[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const [s0, s1, v0, v1] = [sizes[i - 1]!, sizes[i]!, values[i - 1], values[i]];
    if (v0 == null || v1 == null || v0 <= 0 || v1 <= 0 || s1 <= s0) perTenfold.push(null);
    else perTenfold.push((v1 / v0) ** (1 / Math.log10(s1 / s0)));
  }
  const last = perTenfold.at(-1);
  if (last == null) return { perTenfold, verdict: 'n/a' };
  const exponent = Math.log10(last);
  const verdict =
    exponent < 1 - LINEAR_BAND ? 'sub-linear' : exponent <= 1 + LINEAR_BAND ? 'linear' : 'worse';
  return { perTenfold, verdict };
}

/** Peak resident set of this process so far, in MB (resourceUsage reports kilobytes). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
