import { answerSignals, logistic, type AnswerModel } from '../answer/answerability.js';
import { HybridRetriever, type QueryVectors, type RankingWeights } from '../answer/retrieve.js';
import type { ArticleIndex } from '../engine/build-index.js';
import type { EvalQuestion } from './question-sets.js';
import { normaliseQuestion } from '../answer/question.js';

/** Questions about one index, embedded once, so that each candidate set of constants only re-ranks. */
export interface Prepared {
  index: ArticleIndex;
  items: { question: EvalQuestion; core: string; vectors: QueryVectors }[];
}

export async function prepare(index: ArticleIndex, questions: readonly EvalQuestion[]): Promise<Prepared> {
  const items: Prepared['items'] = [];
  for (const question of questions) {
    items.push({ question, ...(await index.query(normaliseQuestion(question.q))) });
  }
  return { index, items };
}

function retrieverWith(index: ArticleIndex, weights: RankingWeights): HybridRetriever {
  const { evidence, people, termVectors, options } = index.retriever;
  return new HybridRetriever(evidence, people, termVectors, { ...options, weights });
}

/**
 * Mean reciprocal rank of the first gold paragraph over the answerable questions of each set, averaged
 * over the sets (so a large set does not drown a small one), and R@1 likewise.
 */
export function rankingScore(
  prepared: readonly Prepared[],
  weights: RankingWeights,
): { mrr: number; r1: number } {
  let mrr = 0;
  let r1 = 0;
  for (const { index, items } of prepared) {
    const retriever = retrieverWith(index, weights);
    let reciprocal = 0;
    let first = 0;
    let n = 0;
    for (const { question, core, vectors } of items) {
      if (question.gold.length === 0) continue;
      n++;
      const at = retriever
        .rank(core, vectors)
        .paragraphs.findIndex((p) =>
          question.gold.some(
            (g) => g.paragraph === p.paragraph.number && (g.doc === '' || g.doc === p.article.slug),
          ),
        );
      if (at >= 0) reciprocal += 1 / (at + 1);
      if (at === 0) first++;
    }
    if (n > 0) {
      mrr += reciprocal / n / prepared.length;
      r1 += first / n / prepared.length;
    }
  }
  return { mrr, r1 };
}

/**
 * Coordinate ascent on MRR: each constant in turn takes the value of its grid that scores best with
 * the others held, for `rounds` passes. Small grids, so the result is a choice among round numbers, not
 * a fit to the last decimal of a few hundred questions.
 */
export function fitRanking(
  prepared: readonly Prepared[],
  start: RankingWeights,
  grid: { [K in keyof RankingWeights]?: number[] },
  log: (line: string) => void,
  rounds = 2,
): RankingWeights {
  let best = { ...start };
  let bestScore = rankingScore(prepared, best).mrr;
  log(`  start: MRR ${bestScore.toFixed(3)} ${JSON.stringify(best)}`);
  for (let round = 0; round < rounds; round++) {
    for (const key of Object.keys(grid) as (keyof RankingWeights)[]) {
      for (const value of grid[key]!) {
        if (value === best[key]) continue;
        const candidate = { ...best, [key]: value };
        const score = rankingScore(prepared, candidate).mrr;
        if (score > bestScore + 1e-9) {
          best = candidate;
          bestScore = score;
          log(`  ${key} = ${value}: MRR ${score.toFixed(3)}`);
        }
      }
    }
  }
  return best;
}

/** The answer signals of every question, ranked with `weights`, labelled answerable or not. */
export function signalsOf(
  prepared: readonly Prepared[],
  weights: RankingWeights,
): { signals: number[]; answerable: boolean }[] {
  return prepared.flatMap(({ index, items }) => {
    const retriever = retrieverWith(index, weights);
    return items.map(({ question, core, vectors }) => ({
      signals: answerSignals(retriever.rank(core, vectors)),
      answerable: question.gold.length > 0,
    }));
  });
}

/**
 * Logistic regression of answerable against not (classes weighed equally, a little L2 so that weights stay
 * readable), then the threshold that declines at most `maxDeclined` of the answerable examples.
 */
export function fitAnswerModel(
  examples: readonly { signals: number[]; answerable: boolean }[],
  maxDeclined: number,
  /** Each weight's allowed sign (1: at least 0, -1: at most 0); unconstrained when absent. */
  signs?: readonly number[],
): AnswerModel {
  const dims = examples[0]?.signals.length ?? 0;
  const positives = examples.filter((e) => e.answerable).length;
  const negatives = examples.length - positives;
  const weights = new Array<number>(dims).fill(0);
  let bias = 0;
  const rate = 0.5;
  const l2 = 0.001;
  for (let step = 0; step < 5000; step++) {
    const gradient = new Array<number>(dims).fill(0);
    let gradientBias = 0;
    for (const { signals, answerable } of examples) {
      const classWeight = answerable ? 0.5 / positives : 0.5 / negatives;
      const error = (logistic(signals, { weights, bias }) - (answerable ? 1 : 0)) * classWeight;
      signals.forEach((x, i) => (gradient[i]! += error * x));
      gradientBias += error;
    }
    weights.forEach((w, i) => (weights[i] = w - rate * (gradient[i]! + l2 * w)));
    // Each signal may only count the way it means (more coverage never argues for declining): without
    // this, two signals that move together take opposite weights that fit the tuning part's noise.
    signs?.forEach((sign, i) => {
      if (weights[i]! * sign < 0) weights[i] = 0;
    });
    bias -= rate * gradientBias;
  }
  const rounded = weights.map((w) => Math.round(w * 100) / 100);
  const roundedBias = Math.round(bias * 100) / 100;
  const confidences = examples
    .filter((e) => e.answerable)
    .map((e) => logistic(e.signals, { weights: rounded, bias: roundedBias }))
    .sort((a, b) => a - b);
  const allowed = Math.floor(maxDeclined * confidences.length);
  // Just below the first answerable confidence that must not be declined.
  const threshold = Math.floor((confidences[allowed] ?? 0.5) * 1000) / 1000;
  return { weights: rounded, bias: roundedBias, threshold };
}
