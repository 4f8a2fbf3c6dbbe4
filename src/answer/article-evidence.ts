import type { Article } from '../knowledge/types.js';
import { articlePostings, type ArticlePostings } from './bm25.js';
import { words } from './text-terms.js';

/**
 * What retrieval reads from one article: its sentences' words and postings, and the vectors of its
 * sentences and paragraphs. It depends on that article alone, so a reload computes it for new or changed
 * articles only and carries the rest over.
 */
export interface ArticleEvidence {
  article: Article;
  /**
   * Each sentence's words (lower case, as `words` splits them), space-joined, in reading order: the
   * costly part of tokenising, done once per version of the article.
   */
  sentenceWords: readonly string[];
  /** Which sentences hold each term, for BM25. */
  postings: ArticlePostings;
  /** One row per sentence, in reading order, packed so a query is one tight pass over memory. */
  sentenceVectors: Float32Array;
  /** One row per paragraph. */
  paragraphVectors: Float32Array;
}

/** Tokenises an article and packs its vectors (one per paragraph, one per sentence, in reading order). */
export function articleEvidence(
  article: Article,
  paragraphVectors: readonly Float32Array[],
  sentenceVectors: readonly Float32Array[],
): ArticleEvidence {
  const sentenceWords = article.paragraphs.flatMap((p) => p.sentences.map((s) => words(s.text).join(' ')));
  if (
    paragraphVectors.length !== article.paragraphs.length ||
    sentenceVectors.length !== sentenceWords.length
  ) {
    throw new Error(`vectors do not match the paragraphs and sentences of ${article.slug}`);
  }
  return {
    article,
    sentenceWords,
    postings: articlePostings(
      sentenceWords,
      article.paragraphs.map((p) => p.sentences.length),
    ),
    sentenceVectors: pack(sentenceVectors),
    paragraphVectors: pack(paragraphVectors),
  };
}

function pack(vectors: readonly Float32Array[]): Float32Array {
  const dims = vectors[0]?.length ?? 0;
  const matrix = new Float32Array(vectors.length * dims);
  vectors.forEach((v, i) => matrix.set(v, i * dims));
  return matrix;
}
