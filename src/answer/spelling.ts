import { DeletionIndex, deletions, editDistance } from '../quotes/near-strings.js';
import { knowsWord } from '../language/wordnet.js';
import { casedWords, isStopWord } from './text-terms.js';
import { frequencyRank } from './word-rarity.js';

// Shorter words are left as typed: one letter off, "bill" could be "bull", "ball" or "bell".
const MIN_LENGTH = 5;

/**
 * Corrects a question's misspelt words to the knowledge base's own words, one typing slip away (a letter
 * missing, extra, wrong or two swapped: "jugde" → "judge"). One slip in the question's rarest word made
 * the engine decline three answerable questions in ten. A word is left alone when the articles use it,
 * when WordNet knows it (it is English, only not in the articles: "banana"), or when no article word is
 * one slip away; among several, the one the most articles use wins. A word in lower case that no article
 * word is one slip from is corrected to the most frequent English word one slip away ("defneding" →
 * "defending"), whose meaning the ranking can then match; a capitalised one may be a name and is left.
 */
export class Spelling {
  readonly #vocabulary: ReadonlyMap<string, number>;
  #words: string[] | undefined;
  #index: DeletionIndex | undefined;

  /** `vocabulary`: each word of the articles (lower case) and how many articles use it. */
  constructor(vocabulary: ReadonlyMap<string, number>) {
    this.#vocabulary = vocabulary;
  }

  /** The question with each misspelt word replaced by its correction; the question itself when none. */
  correct(question: string): string {
    let corrected = question;
    for (const typed of new Set(casedWords(question))) {
      const word = typed.toLowerCase();
      if (word.length < MIN_LENGTH || isStopWord(word) || /\d/.test(word)) continue;
      if (this.#vocabulary.has(word) || knowsWord(word)) continue;
      const fix = this.#nearest(word) ?? (typed === word ? commonWordNear(word) : undefined);
      if (fix)
        corrected = corrected.replace(new RegExp(`(?<![\\p{L}\\p{N}])${typed}(?![\\p{L}\\p{N}])`, 'gu'), fix);
    }
    return corrected;
  }

  #nearest(word: string): string | undefined {
    // Built on the first misspelling: most questions have none, and at a thousand articles it takes a while.
    this.#words ??= [...this.#vocabulary.keys()];
    this.#index ??= new DeletionIndex(this.#words, { includeSelf: true });
    const found = new Set<number>(this.#index.find(word));
    for (const shorter of deletions(word)) for (const k of this.#index.find(shorter)) found.add(k);
    let best: string | undefined;
    for (const k of found) {
      const candidate = this.#words[k]!;
      if (editDistance(word, candidate, 1) > 1) continue;
      const uses = this.#vocabulary.get(candidate)!;
      const bestUses = best === undefined ? -1 : this.#vocabulary.get(best)!;
      if (uses > bestUses || (uses === bestUses && candidate < best!)) best = candidate;
    }
    return best;
  }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The most frequent English word one typing slip from `word` (see `frequencyRank`), if any. */
function commonWordNear(word: string): string | undefined {
  // A word of the list is a word, if not one WordNet or the articles have ("gonna", "brexit").
  if (frequencyRank(word) !== undefined) return undefined;
  let best: string | undefined;
  let bestRank = Infinity;
  const consider = (candidate: string) => {
    const rank = frequencyRank(candidate);
    if (rank !== undefined && rank < bestRank) [best, bestRank] = [candidate, rank];
  };
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail.length > 0) consider(head + tail.slice(1));
    if (tail.length > 1) consider(head + tail[1]! + tail[0]! + tail.slice(2));
    for (const letter of LETTERS) {
      consider(head + letter + tail);
      if (tail.length > 0) consider(head + letter + tail.slice(1));
    }
  }
  return best;
}
