import { indexTerm } from './text-terms.js';

/**
 * BM25 over sentences and paragraphs, with each article's postings computed once per version of the
 * article and kept, so a reload only merges them (~90 ms at 1,000 articles).
 * MiniSearch did this job before; it cannot share unchanged articles between two indexes, so every
 * reload rebuilt it whole (0.8 s and 37 MB at 1,000 articles). The scoring is MiniSearch's BM25+ term for
 * term (k 1.2, b 0.7, d 0.5; a document's length is its count of distinct words; a document's score is
 * multiplied by the number of distinct query terms it matches), and a test holds it to MiniSearch's.
 */

const K = 1.2;
const B = 0.7;
const D = 0.5;

/**
 * One article's index: which of its sentences hold each term, and how often. Kept in two flat arrays
 * rather than an array per term: a typed array costs ~150 bytes of heap whatever its length, which for
 * 1,000 articles' ~400,000 terms was 60 MB.
 */
export interface ArticlePostings {
  /**
   * Its distinct terms. Term t's (sentence within the article, occurrences) pairs are
   * `pairs[start[t]..start[t + 1])`. A list, not a map: only the corpus reads it, in order, and a map of
   * every article's terms held and saved ~250,000 entries at 1,000 articles.
   */
  readonly terms: readonly string[];
  readonly start: Int32Array;
  readonly pairs: Int32Array;
  /** Distinct words of each sentence, stop words included: BM25's document length. */
  readonly sentenceLengths: Int32Array;
  /** The paragraph (within the article) each sentence belongs to. */
  readonly paragraphOfSentence: Int32Array;
  readonly paragraphLengths: Int32Array;
}

/** Indexes one article from its sentences' words (space-joined, as ArticleEvidence keeps them). */
export function articlePostings(
  sentenceWords: readonly string[],
  sentencesPerParagraph: readonly number[],
): ArticlePostings {
  const pairs = new Map<string, number[]>();
  const sentenceLengths = new Int32Array(sentenceWords.length);
  const paragraphOfSentence = new Int32Array(sentenceWords.length);
  const paragraphLengths = new Int32Array(sentencesPerParagraph.length);
  let sentence = 0;
  sentencesPerParagraph.forEach((count, paragraph) => {
    const paragraphWords = new Set<string>();
    for (const end = sentence + count; sentence < end; sentence++) {
      const words = sentenceWords[sentence] === '' ? [] : sentenceWords[sentence]!.split(' ');
      const distinct = new Set(words);
      sentenceLengths[sentence] = distinct.size;
      paragraphOfSentence[sentence] = paragraph;
      for (const word of distinct) paragraphWords.add(word);
      const counts = new Map<string, number>();
      for (const word of words) {
        const term = indexTerm(word);
        if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      for (const [term, n] of counts) {
        const list = pairs.get(term);
        if (list) list.push(sentence, n);
        else pairs.set(term, [sentence, n]);
      }
    }
    paragraphLengths[paragraph] = paragraphWords.size;
  });
  const terms = [...pairs.keys()];
  const start = new Int32Array(terms.length + 1);
  const flat = new Int32Array([...pairs.values()].reduce((n, list) => n + list.length, 0));
  terms.forEach((term, t) => {
    const list = pairs.get(term)!;
    flat.set(list, start[t]);
    start[t + 1] = start[t]! + list.length;
  });
  return { terms, start, pairs: flat, sentenceLengths, paragraphOfSentence, paragraphLengths };
}

/** An article's postings and where its sentences and paragraphs start in the corpus. */
export interface PlacedPostings {
  postings: ArticlePostings;
  sentenceStart: number;
  paragraphStart: number;
}

interface TermEntry {
  sentenceDf: number;
  paragraphDf: number;
  /** Its (sentence, occurrences) pairs, in corpus order, are `pairs[from..to)`. */
  from: number;
  to: number;
}

/**
 * BM25 scores of a corpus made of articles' postings. Building it merges the articles' postings into one
 * run per term, in corpus positions: a query then reads each term's postings in one pass over memory,
 * where going through every article's own index cost several cache misses per article holding the term,
 * most of the cost of a common word at a thousand articles.
 */
export class Bm25Corpus {
  readonly #byTerm = new Map<string, TermEntry>();
  /** (sentence, occurrences) pairs, by term; sentences by corpus position. */
  readonly #pairs: Int32Array;
  readonly #sentenceLengths: Int32Array;
  readonly #paragraphOfSentence: Int32Array;
  readonly #paragraphLengths: Int32Array;
  readonly #averageSentenceLength: number;
  readonly #averageParagraphLength: number;
  /** What `scores` sums into, made on first use. */
  #sentenceHits: Hits | undefined;
  #paragraphHits: Hits | undefined;

  constructor(articles: readonly PlacedPostings[]) {
    let sentences = 0;
    let paragraphs = 0;
    // Every (article, term), in the order the second pass meets them again.
    const entries: TermEntry[] = [];
    for (const { postings } of articles) {
      const { terms, start, pairs, paragraphOfSentence } = postings;
      for (let t = 0; t < terms.length; t++) {
        const term = terms[t]!;
        let entry = this.#byTerm.get(term);
        if (!entry) this.#byTerm.set(term, (entry = { sentenceDf: 0, paragraphDf: 0, from: 0, to: 0 }));
        entries.push(entry);
        entry.sentenceDf += (start[t + 1]! - start[t]!) / 2;
        let lastParagraph = -1;
        for (let i = start[t]!; i < start[t + 1]!; i += 2) {
          const paragraph = paragraphOfSentence[pairs[i]!]!;
          if (paragraph !== lastParagraph) entry.paragraphDf++;
          lastParagraph = paragraph;
        }
      }
      sentences += postings.sentenceLengths.length;
      paragraphs += postings.paragraphLengths.length;
    }
    let end = 0;
    for (const entry of this.#byTerm.values()) {
      entry.from = entry.to = end;
      end += 2 * entry.sentenceDf;
    }
    this.#pairs = new Int32Array(end);
    this.#sentenceLengths = new Int32Array(sentences);
    this.#paragraphOfSentence = new Int32Array(sentences);
    this.#paragraphLengths = new Int32Array(paragraphs);
    let next = 0;
    for (const { postings, sentenceStart, paragraphStart } of articles) {
      const { terms, start, pairs, sentenceLengths, paragraphOfSentence, paragraphLengths } = postings;
      for (let t = 0; t < terms.length; t++) {
        const entry = entries[next++]!;
        for (let i = start[t]!; i < start[t + 1]!; i += 2) {
          this.#pairs[entry.to++] = sentenceStart + pairs[i]!;
          this.#pairs[entry.to++] = pairs[i + 1]!;
        }
      }
      this.#sentenceLengths.set(sentenceLengths, sentenceStart);
      this.#paragraphLengths.set(paragraphLengths, paragraphStart);
      paragraphOfSentence.forEach(
        (p, s) => (this.#paragraphOfSentence[sentenceStart + s] = paragraphStart + p),
      );
    }
    this.#averageSentenceLength = sentences === 0 ? 0 : sum(this.#sentenceLengths) / sentences;
    this.#averageParagraphLength = paragraphs === 0 ? 0 : sum(this.#paragraphLengths) / paragraphs;
  }

  /** In how many sentences a term occurs (0 for one the articles never use). */
  sentenceFrequency(term: string): number {
    return this.#byTerm.get(term)?.sentenceDf ?? 0;
  }

  /** In how many paragraphs a term occurs (0 for one the articles never use). */
  paragraphFrequency(term: string): number {
    return this.#byTerm.get(term)?.paragraphDf ?? 0;
  }

  /** Calls `visit` with the corpus position of every sentence holding `term`, and of its paragraph. */
  forEachSentenceWith(term: string, visit: (sentence: number, paragraph: number) => void): void {
    const entry = this.#byTerm.get(term);
    if (!entry) return;
    for (let i = entry.from; i < entry.to; i += 2) {
      const sentence = this.#pairs[i]!;
      visit(sentence, this.#paragraphOfSentence[sentence]!);
    }
  }

  /**
   * BM25 score of every sentence and every paragraph that holds a term of `queryWords` (others are
   * absent), by position in the corpus. A repeated query term counts again, as in MiniSearch. A term of
   * an article's headline (`headlineArticles`) counts once in each of its passages that lacks it. The
   * result is valid until the next call: its arrays are the corpus's own, kept from one question to the
   * next (at 10,000 articles, 8 MB a question).
   */
  scores(
    queryWords: readonly string[],
    headlineArticles: (term: string) => readonly PlacedPostings[] = () => [],
  ): { sentences: DocumentScores; paragraphs: DocumentScores } {
    const sentenceCount = this.#sentenceLengths.length;
    const paragraphCount = this.#paragraphLengths.length;
    const sentences = (this.#sentenceHits ??= new Hits(sentenceCount)).clear();
    const paragraphs = (this.#paragraphHits ??= new Hits(paragraphCount)).clear();
    const termNumbers = new Map<string, number>();
    for (const word of queryWords) {
      const term = indexTerm(word);
      const entry = term ? this.#byTerm.get(term) : undefined;
      if (!term || !entry) continue;
      if (!termNumbers.has(term)) termNumbers.set(term, termNumbers.size);
      const termNumber = termNumbers.get(term)!;
      const sentenceIdf = idf(sentenceCount, entry.sentenceDf);
      const paragraphIdf = idf(paragraphCount, entry.paragraphDf);
      const pairs = this.#pairs;
      // Pairs come in sentence order, so a paragraph's occurrences are one run.
      let paragraph = -1;
      let paragraphTf = 0;
      const flushParagraph = () => {
        if (paragraph < 0) return;
        const length = this.#paragraphLengths[paragraph]!;
        const score = paragraphIdf * saturation(paragraphTf, length, this.#averageParagraphLength);
        paragraphs.add(paragraph, score, termNumber);
      };
      for (let i = entry.from; i < entry.to; i += 2) {
        const sentence = pairs[i]!;
        const tf = pairs[i + 1]!;
        const length = this.#sentenceLengths[sentence]!;
        sentences.add(
          sentence,
          sentenceIdf * saturation(tf, length, this.#averageSentenceLength),
          termNumber,
        );
        if (this.#paragraphOfSentence[sentence] !== paragraph) {
          flushParagraph();
          paragraph = this.#paragraphOfSentence[sentence]!;
          paragraphTf = 0;
        }
        paragraphTf += tf;
      }
      flushParagraph();
      // An article's headline is part of every passage of it: its words count once in each.
      for (const { postings, sentenceStart, paragraphStart } of headlineArticles(term)) {
        const { sentenceLengths, paragraphLengths } = postings;
        for (let s = 0; s < sentenceLengths.length; s++) {
          if (sentences.has(sentenceStart + s, termNumber)) continue;
          const score = sentenceIdf * saturation(1, sentenceLengths[s]!, this.#averageSentenceLength);
          sentences.add(sentenceStart + s, score, termNumber);
        }
        for (let p = 0; p < paragraphLengths.length; p++) {
          if (paragraphs.has(paragraphStart + p, termNumber)) continue;
          const score = paragraphIdf * saturation(1, paragraphLengths[p]!, this.#averageParagraphLength);
          paragraphs.add(paragraphStart + p, score, termNumber);
        }
      }
    }
    return { sentences: sentences.final(), paragraphs: paragraphs.final() };
  }
}

/**
 * Documents' BM25 scores by corpus position: `score[at]` for each position in `touched` (the others are not
 * meaningful). Flat rather than a map: a common word touches most of the corpus, and a map of 200,000
 * entries cost a tenth of a second per question at 10,000 articles.
 */
export interface DocumentScores {
  readonly touched: readonly number[];
  readonly score: Float64Array;
}

/** Scores being summed over query terms, in flat arrays: a common word can touch thousands of documents. */
class Hits {
  readonly #score: Float64Array;
  /** How many distinct query terms each document matched, and the last one, so a repeat counts once. */
  readonly #termCount: Int32Array;
  readonly #lastTerm: Int32Array;
  readonly #touched: number[] = [];

  constructor(size: number) {
    this.#score = new Float64Array(size);
    this.#termCount = new Int32Array(size);
    this.#lastTerm = new Int32Array(size).fill(-1);
  }

  /** Empties it for the next query, touching only what the last one touched. */
  clear(): this {
    for (const at of this.#touched) {
      this.#score[at] = 0;
      this.#termCount[at] = 0;
      this.#lastTerm[at] = -1;
    }
    this.#touched.length = 0;
    return this;
  }

  add(at: number, score: number, termNumber: number): void {
    if (this.#termCount[at] === 0) this.#touched.push(at);
    this.#score[at]! += score;
    if (this.#lastTerm[at] !== termNumber) {
      this.#termCount[at]!++;
      this.#lastTerm[at] = termNumber;
    }
  }

  /** Whether the document already scored for this query term. */
  has(at: number, termNumber: number): boolean {
    return this.#lastTerm[at] === termNumber;
  }

  /** Each touched document's score times its count of distinct matched terms, as MiniSearch ranks. */
  final(): DocumentScores {
    const score = this.#score;
    for (const at of this.#touched) score[at]! *= this.#termCount[at]!;
    return { touched: this.#touched, score };
  }
}

function sum(values: Int32Array): number {
  let total = 0;
  for (const n of values) total += n;
  return total;
}

function idf(documents: number, containing: number): number {
  return Math.log(1 + (documents - containing + 0.5) / (containing + 0.5));
}

function saturation(tf: number, length: number, averageLength: number): number {
  return D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / averageLength));
}
