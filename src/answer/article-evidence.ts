import type { Article } from '../knowledge/types.js';
import { sentenceKinds } from './answer-kinds.js';
import { articlePostings, type ArticlePostings } from './bm25.js';
import { casedWords, isStopWord, stem } from './text-terms.js';

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
  /** The article's distinct content words (no stop words), whose vectors match question words by meaning. */
  contentWords: readonly string[];
  /** The index form (stem) of each content word, in the same order: stemming is the costly part. */
  contentStems: readonly string[];
  /** Its words (lower case) that it writes only capitalised inside a sentence: names ("brackenford"). */
  properWords: readonly string[];
  /** What each sentence could answer (KIND bits: a person, a time, a place, a number, a reason). */
  sentenceKinds: Uint8Array;
  /** Which sentences hold each term, for BM25. */
  postings: ArticlePostings;
  /** One row per sentence, in reading order, packed so a query is one tight pass over memory. */
  sentenceVectors: Float32Array;
  /** One row per paragraph. */
  paragraphVectors: Float32Array;
}

/** An article's words: each sentence's, space-joined, the distinct content words among them, and its names. */
export interface ArticleWords {
  sentenceWords: string[];
  contentWords: string[];
  contentStems: string[];
  properWords: string[];
}

/**
 * Tokenises an article once: what its evidence and the knowledge base's term vectors are built from. Its
 * names are the words it writes capitalised inside sentences and never in lower case, so that a question
 * typed in lower case ("what did kessler say") still names them; a sentence's first word is capitalised
 * whatever it is, so it counts for neither.
 */
export function articleWords(article: Article): ArticleWords {
  const sentenceWords: string[] = [];
  const contentWords = new Set<string>();
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const paragraph of article.paragraphs) {
    for (const sentence of paragraph.sentences) {
      const cased = casedWords(sentence.text);
      const lowered = cased.map((w) => w.toLowerCase());
      sentenceWords.push(lowered.join(' '));
      lowered.forEach((word, i) => {
        if (!isStopWord(word)) contentWords.add(word);
        if (word === cased[i]) lower.add(word);
        else if (i > 0 && /^\p{Lu}/u.test(cased[i]!)) capitalised.add(word);
      });
    }
  }
  const properWords = [...capitalised].filter((w) => !lower.has(w) && !isStopWord(w));
  const distinct = [...contentWords];
  return { sentenceWords, contentWords: distinct, contentStems: distinct.map(stem), properWords };
}

/** Packs an article's vectors (one per paragraph, one per sentence, in reading order) with its words. */
export function articleEvidence(
  article: Article,
  { sentenceWords, contentWords, contentStems, properWords }: ArticleWords,
  paragraphVectors: readonly Float32Array[],
  sentenceVectors: readonly Float32Array[],
): ArticleEvidence {
  if (
    paragraphVectors.length !== article.paragraphs.length ||
    sentenceVectors.length !== sentenceWords.length
  ) {
    throw new Error(`vectors do not match the paragraphs and sentences of ${article.slug}`);
  }
  return {
    article,
    sentenceWords,
    contentWords,
    contentStems,
    properWords,
    sentenceKinds: Uint8Array.from(
      article.paragraphs.flatMap((p) => p.sentences.map((s) => sentenceKinds(s.text))),
    ),
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
