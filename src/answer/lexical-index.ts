import MiniSearch from 'minisearch';
import { isStopWord, stem, words } from './text-terms.js';

/**
 * BM25 ranking (MiniSearch) over a list of texts, addressed by position. The texts come already split into
 * words, which a reload carries over for unchanged articles instead of splitting them again. Words are
 * stemmed and stop words dropped on both sides, so "negotiating" finds "negotiation" and "the" finds nothing.
 */
function indexTerm(word: string): string | null {
  return isStopWord(word) ? null : stem(word);
}

export class LexicalIndex {
  readonly #search: MiniSearch<{ id: number; joinedWords: string }>;

  /** `texts` as their words, space-joined (see ArticleEvidence.sentenceWords). */
  constructor(texts: readonly string[]) {
    this.#search = new MiniSearch({
      fields: ['joinedWords'],
      tokenize: (joinedWords) => (joinedWords === '' ? [] : joinedWords.split(' ')),
      processTerm: indexTerm,
      searchOptions: { tokenize: words, processTerm: indexTerm },
    });
    this.#search.addAll(texts.map((joinedWords, id) => ({ id, joinedWords })));
  }

  /** BM25 score of every text that shares a term with the query (others are absent), by position. */
  scores(query: string): Map<number, number> {
    const results = this.#search.search(query, { combineWith: 'OR', prefix: false, fuzzy: false });
    return new Map(results.map((r) => [r.id as number, r.score]));
  }
}
