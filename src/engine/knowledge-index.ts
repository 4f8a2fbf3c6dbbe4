import type { AskResult } from '../answer/types.js';
import type { Article } from '../knowledge/types.js';
import type { QuoteResult, SpeakerSuggestion } from '../quotes/types.js';

/** Counts shown at start-up, by `sources` and after a reload. */
export interface IndexStats {
  articles: number;
  paragraphs: number;
  sentences: number;
  speakers: number;
  quotes: number;
}

/**
 * An immutable, fully built index over one set of articles: lexical and dense retrieval, the speaker
 * registry and its quotes. Built once and replaced whole on reload; safe to share between requests.
 */
export interface KnowledgeIndex {
  readonly articles: readonly Article[];
  readonly stats: IndexStats;
  /** Answers from the articles, or declines. Throws UserError for an unusable question. */
  ask(question: string): Promise<AskResult>;
  /** Everything a named person or organisation said. Throws UserError for an unusable name. */
  quote(name: string): QuoteResult;
  /** Known speakers best matching a prefix (empty prefix: most quoted first), at most `limit`. */
  suggestSpeakers(prefix: string, limit?: number): SpeakerSuggestion[];
}
