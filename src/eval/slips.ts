import { isStopWord } from '../answer/text-terms.js';
import type { EvalSet } from './question-sets.js';

/**
 * The question with one typing slip: the two middle letters of its longest lower-case content word (five
 * letters or more) swapped ("sentencing" → "sentnecing"). Deterministic, so runs compare; the question
 * itself when no word qualifies.
 */
export function withSlip(question: string): string {
  const tokens = question.split(' ');
  // The word each token holds, trailing punctuation aside.
  const words = tokens.map((token) => token.replace(/[?!.,;:]+$/u, ''));
  let at = -1;
  words.forEach((word, i) => {
    if (!/^\p{Ll}{5,}$/u.test(word) || isStopWord(word)) return;
    if (at < 0 || word.length > words[at]!.length) at = i;
  });
  if (at < 0) return question;
  const token = tokens[at]!;
  const middle = Math.floor(words[at]!.length / 2);
  tokens[at] = token.slice(0, middle - 1) + token[middle] + token[middle - 1] + token.slice(middle + 1);
  return tokens.join(' ');
}

/** A question set with one typing slip in every question: how the engine copes with members' typos. */
export function slipped(set: EvalSet): EvalSet {
  return {
    ...set,
    name: `${set.name}, one slip`,
    questions: set.questions.map((q) => ({ ...q, q: withSlip(q.q) })),
  };
}
