import type { Ranking } from './retrieve.js';

/** The signals weighed to decide whether the articles answer a question, in the order of the weights. */
export const SIGNAL_NAMES = [
  'sentence similarity',
  'unmatched words',
  'kind missing',
  'rarest word held',
] as const;
/** The way each signal may count (1: for answering, -1: for declining), which the fit keeps to. */
export const SIGNAL_SIGNS = [1, -1, -1, 1] as const;

/**
 * What a ranking says about whether the articles address the question asked, each about 0–1: how close
 * the best sentence is to it as a whole, how much of it nothing in the articles matches closely, whether
 * the kind of answer it wants (a time, a number…) is missing, and whether the top paragraph holds its
 * rarest word in English (small talk shares only common words with news). Tried and left out because
 * they earned no weight on the tuning part once each signal had to count its own way: how much of the
 * question one top paragraph addresses by form or meaning (once the rarest word held came in), the best
 * sentence's word-by-word match, and whether the question names something the articles never mention
 * (its weight changed sign). The rarity of the rarest word held, not over the question's rarest, declined
 * short general questions ("why did the shares fall?", "what happened to the school?").
 */
export function answerSignals(ranking: Ranking): number[] {
  return [
    ranking.bestSentenceSimilarity,
    ranking.unmatchedShare,
    ranking.kindMissing ? 1 : 0,
    ranking.rarestHeld,
  ];
}

/** A logistic model over the signals, and the confidence below which the engine declines. */
export interface AnswerModel {
  weights: readonly number[];
  bias: number;
  threshold: number;
}

/**
 * Fitted by `npm run eval -- --fit` on the question bank's tuning part (answerable questions against
 * questions the articles do not answer, half of them on the articles' own subjects); the threshold is
 * just below the least confident of the tuning part's answerable questions.
 */
export const ANSWER_MODEL: AnswerModel = {
  weights: [1.96, -3.03, -0.82, 4.48],
  bias: -5.49,
  threshold: 0.224,
};

/** How confident the engine is that the articles answer the question, 0–1. */
export function answerConfidence(ranking: Ranking, model: AnswerModel = ANSWER_MODEL): number {
  return logistic(answerSignals(ranking), model);
}

/** The logistic function of the weighted signals. */
export function logistic(signals: readonly number[], model: Omit<AnswerModel, 'threshold'>): number {
  let z = model.bias;
  signals.forEach((x, i) => (z += (model.weights[i] ?? 0) * x));
  return 1 / (1 + Math.exp(-z));
}
