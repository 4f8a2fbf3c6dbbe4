import MiniSearch from 'minisearch';
import { isStopWord, stem, words } from './text-terms.js';

/**
 * BM25 ranking (MiniSearch) over a list of texts, addressed by position. Words are stemmed and stop words
 * dropped on both sides, so "negotiating" finds "negotiation" and "the" finds nothing.
 */
export class LexicalIndex {
  readonly #search: MiniSearch<{ id: number; text: string }>;

  constructor(texts: readonly string[]) {
    this.#search = new MiniSearch({
      fields: ['text'],
      tokenize: words,
      processTerm: (term) => (isStopWord(term) ? null : stem(term)),
    });
    this.#search.addAll(texts.map((text, id) => ({ id, text })));
  }

  /** BM25 score of every text that shares a term with the query (others are absent), by position. */
  scores(query: string): Map<number, number> {
    const results = this.#search.search(query, { combineWith: 'OR', prefix: false, fuzzy: false });
    return new Map(results.map((r) => [r.id as number, r.score]));
  }
}
