import { DeletionIndex, deletions, editDistance } from '../quotes/near-strings.js';
import { knowsWord } from '../language/wordnet.js';
import { casedWords, isStopWord } from './text-terms.js';

// Shorter words are left as typed: one letter off, "bill" could be "bull", "ball" or "bell".
const MIN_LENGTH = 5;

/**
 * Corrects a question's misspelt words to the knowledge base's own words, one typing slip away (a letter
 * missing, extra, wrong or two swapped: "jugde" → "judge"). One slip in the question's rarest word made
 * the engine decline three answerable questions in ten. A word is left alone when the articles use it,
 * when WordNet knows it (it is English, only not in the articles: "banana"), or when no article word is
 * one slip away; among several, the one the most articles use wins.
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
      const fix = this.#nearest(word);
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
