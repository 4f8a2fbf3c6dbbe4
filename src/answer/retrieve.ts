import type { Article, Paragraph, Sentence } from '../knowledge/types.js';
import type { ArticleEvidence } from './article-evidence.js';
import { Bm25Corpus, type PlacedPostings } from './bm25.js';
import { isSpeechTerm, PeopleMatcher, type PersonProfile, type QuestionFocus } from './question-focus.js';
import { contentTerms, indexTerm, isStopWord, stem, words } from './text-terms.js';

/** Which evidence ranks the paragraphs: both (the engine), or one alone (for the eval's baselines). */
export type RetrievalMode = 'hybrid' | 'lexical' | 'dense';

/** A sentence with where it stands. */
export interface SentenceEntry {
  sentence: Sentence;
  paragraph: Paragraph;
  article: Article;
}

export interface ScoredSentence extends SentenceEntry {
  score: number;
}

export interface ScoredParagraph {
  paragraph: Paragraph;
  article: Article;
  score: number;
  /** The paragraph's best sentence for this question. */
  best: ScoredSentence;
}

export interface Ranking {
  focus: QuestionFocus;
  /** The best-scoring paragraphs (at most 50), best first. */
  paragraphs: ScoredParagraph[];
  /** Any paragraph's score for this question, by citation id. */
  paragraphById(id: string): ScoredParagraph | undefined;
  /**
   * Share of the question's content terms (IDF-weighted) found together in one of the top paragraphs,
   * 0–1: the engine's evidence that the articles address this question at all.
   */
  coverage: number;
  /** Highest raw cosine similarity between the question and any sentence (0 when the question has no known words). */
  bestSentenceSimilarity: number;
  /**
   * For "what did X say about Y": the share of Y's terms (the question's content words other than X's
   * names, role and the verb of saying) found in the paragraphs where X speaks; undefined without a Y.
   */
  subjectTopicCoverage?: number;
  /** Capitalised words of the question (names, places) that no loaded article contains. */
  unknownNames: string[];
  /** Fused score of any sentence, by sentence id. */
  sentenceScore(id: string): number;
}

// Fusion weights. Lexical evidence is the sharper signal on news text; static word vectors mostly
// help with paraphrase, so they weigh a little less. Sentence evidence counts more than whole-paragraph
// evidence, so that one exact sentence can carry a paragraph that is otherwise about something else.
const LEXICAL_WEIGHT = 0.55;
const DENSE_WEIGHT = 0.45;
const SENTENCE_SHARE = 0.6;
// Coverage is taken over the best few paragraphs, so that terms scattered across unrelated paragraphs
// do not add up to evidence.
const COVERAGE_DEPTH = 3;
// Paragraphs a ranking lists; answers and citations draw on the first few, the eval on all of them.
const RANKED_PARAGRAPHS = 50;

// How much a sentence gains from being about the person the question names (scaled by match confidence).
const SPEAKER_BOOST = { said: 0.5, identity: 0.1, summary: 0, other: 0.1 } as const;
const MENTION_BOOST = { said: 0.1, identity: 0.35, summary: 0, other: 0.15 } as const;

/**
 * Hybrid retrieval over every sentence and paragraph of a set of articles: BM25 and dense cosine
 * similarity, each scaled to 0–1 over the candidates, fused linearly, plus a boost for sentences by or
 * about the people the question names. Immutable once built.
 */
export class HybridRetriever {
  readonly sentences: SentenceEntry[] = [];
  readonly paragraphs: { paragraph: Paragraph; article: Article; sentenceStart: number }[] = [];
  readonly #lexical: Bm25Corpus;
  readonly #people: PeopleMatcher;
  readonly #sentenceWords: string[] = [];
  readonly #sentenceById = new Map<string, number>();
  readonly #paragraphById = new Map<string, number>();

  /** Built from each article's evidence, which is kept as it is, so the next build can reuse it. */
  constructor(
    readonly evidence: readonly ArticleEvidence[],
    people: readonly PersonProfile[],
  ) {
    const placed: PlacedPostings[] = [];
    for (const { article, sentenceWords, postings } of evidence) {
      placed.push({ postings, sentenceStart: this.sentences.length, paragraphStart: this.paragraphs.length });
      let articleSentence = 0;
      for (const paragraph of article.paragraphs) {
        this.#paragraphById.set(paragraph.id, this.paragraphs.length);
        const sentenceStart = this.sentences.length;
        this.paragraphs.push({ paragraph, article, sentenceStart });
        for (const sentence of paragraph.sentences) {
          this.#sentenceById.set(sentence.id, this.sentences.length);
          this.sentences.push({ sentence, paragraph, article });
          this.#sentenceWords.push(sentenceWords[articleSentence++]!);
        }
      }
    }
    this.#lexical = new Bm25Corpus(placed);
    this.#people = new PeopleMatcher(people);
  }

  /** A paragraph's distinct content terms (its sentences' together: they cover every word). */
  #termsOfParagraph(p: number): Set<string> {
    const { paragraph, sentenceStart } = this.paragraphs[p]!;
    const terms = new Set<string>();
    for (let i = sentenceStart; i < sentenceStart + paragraph.sentences.length; i++) {
      for (const word of this.#sentenceWords[i]!.split(' ')) {
        const term = word === '' ? null : indexTerm(word);
        if (term) terms.add(term);
      }
    }
    return terms;
  }

  /** Inverse document frequency over paragraphs; a term the articles never use is as rare as can be. */
  #idf(term: string): number {
    const n = this.paragraphs.length;
    return Math.log(1 + n / (this.#lexical.paragraphFrequency(term) + 0.5));
  }

  /** Ranks paragraphs for a question whose embedding is `queryVector`. */
  rank(question: string, queryVector: Float32Array, mode: RetrievalMode = 'hybrid'): Ranking {
    const focus = this.#people.find(question);
    const useLexical = mode !== 'dense';
    const useDense = mode !== 'lexical';
    const lexicalWeight = useDense ? LEXICAL_WEIGHT : 1;
    const denseWeight = useLexical ? DENSE_WEIGHT : 1;

    const sentenceCount = this.sentences.length;
    const rawSentenceSimilarity = this.#similarities(queryVector, sentenceCount, (e) => e.sentenceVectors);
    const bestSentenceSimilarity = Math.max(0, max(rawSentenceSimilarity));
    const sentenceScores = new Float64Array(sentenceCount);
    const bm25 = useLexical ? this.#lexical.scores(words(question)) : undefined;
    if (bm25) addScaled(sentenceScores, bm25.sentences, lexicalWeight);
    if (useDense) addMinMaxScaled(sentenceScores, rawSentenceSimilarity, denseWeight);
    if (mode === 'hybrid') this.#addPersonBoosts(sentenceScores, focus);

    const paragraphCount = this.paragraphs.length;
    const wholeScores = new Float64Array(paragraphCount);
    if (bm25) addScaled(wholeScores, bm25.paragraphs, lexicalWeight);
    if (useDense) {
      const raw = this.#similarities(queryVector, paragraphCount, (e) => e.paragraphVectors);
      addMinMaxScaled(wholeScores, raw, denseWeight);
    }
    const paragraphScores = new Float64Array(paragraphCount);
    const bestSentence = new Int32Array(paragraphCount);
    this.paragraphs.forEach(({ paragraph, sentenceStart }, p) => {
      let best = sentenceStart;
      for (let i = sentenceStart; i < sentenceStart + paragraph.sentences.length; i++) {
        if (sentenceScores[i]! > sentenceScores[best]!) best = i;
      }
      bestSentence[p] = best;
      paragraphScores[p] = SENTENCE_SHARE * sentenceScores[best]! + (1 - SENTENCE_SHARE) * wholeScores[p]!;
    });

    const scored = (p: number): ScoredParagraph => {
      const { paragraph, article } = this.paragraphs[p]!;
      const best = bestSentence[p]!;
      return {
        paragraph,
        article,
        score: paragraphScores[p]!,
        best: { ...this.sentences[best]!, score: sentenceScores[best]! },
      };
    };
    const top = topIndices(paragraphScores, RANKED_PARAGRAPHS);
    const questionTerms = [...new Set(contentTerms(question))];
    const coverage = Math.max(
      0,
      ...top
        .slice(0, COVERAGE_DEPTH)
        .map((p) => this.#weightedShare(questionTerms, this.#termsOfParagraph(p))),
    );
    const subjectTopicCoverage = focus.subject
      ? this.#subjectTopicCoverage(questionTerms, focus.subject.person, focus.subjectPhrase ?? '')
      : undefined;
    return {
      focus,
      paragraphs: top.map(scored),
      coverage,
      ...(subjectTopicCoverage === undefined ? {} : { subjectTopicCoverage }),
      bestSentenceSimilarity,
      unknownNames: this.#unknownNames(question, focus),
      sentenceScore: (id) => sentenceScores[this.#sentenceById.get(id) ?? -1] ?? 0,
      paragraphById: (id) => {
        const p = this.#paragraphById.get(id);
        return p === undefined ? undefined : scored(p);
      },
    };
  }

  /** Cosine similarity of the query to every row of every article's vectors (rows and query are unit vectors). */
  #similarities(
    query: Float32Array,
    rows: number,
    matrixOf: (e: ArticleEvidence) => Float32Array,
  ): Float64Array {
    const out = new Float64Array(rows);
    let row = 0;
    for (const evidence of this.evidence) {
      row = addSimilarities(matrixOf(evidence), query, out, row);
    }
    return out;
  }

  #addPersonBoosts(scores: Float64Array, focus: QuestionFocus): void {
    const boosts = new Map<number, number>();
    const add = (ids: readonly string[], amount: number) => {
      for (const id of ids) {
        const i = this.#sentenceById.get(id);
        if (i !== undefined) boosts.set(i, Math.max(boosts.get(i) ?? 0, amount));
      }
    };
    for (const { person, confidence } of focus.people) {
      add(person.mentionSentenceIds, MENTION_BOOST[focus.intent] * confidence);
      // When the question says whose words it wants, only that person's words are boosted.
      if (!focus.subject || focus.subject.person === person) {
        add(person.speakerSentenceIds, SPEAKER_BOOST[focus.intent] * confidence);
      }
    }
    for (const [i, boost] of boosts) scores[i]! += boost;
  }

  #subjectTopicCoverage(
    questionTerms: readonly string[],
    person: PersonProfile,
    subjectPhrase: string,
  ): number | undefined {
    // The subject phrase as typed is about the person too, typos included ("olivr grant").
    const aboutPerson = new Set(
      contentTerms([...person.aliases, person.role ?? '', subjectPhrase].join(' ')),
    );
    const topic = questionTerms.filter((t) => !aboutPerson.has(t) && !isSpeechTerm(t));
    if (topic.length === 0) return undefined;
    const spokenIn = new Set<string>();
    for (const id of person.speakerSentenceIds) {
      const i = this.#sentenceById.get(id);
      if (i === undefined) continue;
      const p = this.#paragraphById.get(this.sentences[i]!.paragraph.id)!;
      for (const term of this.#termsOfParagraph(p)) spokenIn.add(term);
    }
    return this.#weightedShare(topic, spokenIn);
  }

  #weightedShare(terms: readonly string[], paragraphTerms: ReadonlySet<string>): number {
    let total = 0;
    let covered = 0;
    for (const term of terms) {
      const weight = this.#idf(term);
      total += weight;
      if (paragraphTerms.has(term)) covered += weight;
    }
    return total === 0 ? 0 : covered / total;
  }

  #unknownNames(question: string, focus: QuestionFocus): string[] {
    // "what did spicr say": a subject nobody is called, and words the articles never use, is a name they
    // do not mention (or a typo of one), however it is capitalised.
    if (focus.subjectPhrase && !focus.subject) {
      // Compared by stem, so "the expert" is known from "experts".
      const unknown = contentTerms(focus.subjectPhrase).filter(
        (t) => this.#lexical.paragraphFrequency(t) === 0,
      );
      if (unknown.length > 0) return [focus.subjectPhrase.replace(/^(the|a|an)\s+/i, '')];
    }
    // The first word is capitalised anyway, and "I" always is; neither names anything.
    const capitalised = question.match(/(?<=\s)\p{Lu}[\p{L}\p{N}'’-]*/gu) ?? [];
    // Compared by stem, as the index holds them: "Koreas" is known from "Korea".
    return capitalised.filter(
      (name) =>
        name !== 'I' &&
        words(name).some((w) => !isStopWord(w) && this.#lexical.paragraphFrequency(stem(w)) === 0),
    );
  }
}

/** Writes the query's dot product with each row of `matrix` into `out` from position `row`; returns the next position. */
function addSimilarities(matrix: Float32Array, query: Float32Array, out: Float64Array, row: number): number {
  const dims = query.length;
  if (dims === 0) return row;
  // Four products per step: this loop is most of an /ask on a large knowledge base.
  const whole = dims - (dims % 4);
  for (let offset = 0; offset < matrix.length; offset += dims, row++) {
    let a = 0;
    let b = 0;
    let c = 0;
    let e = 0;
    let d = 0;
    for (; d < whole; d += 4) {
      a += matrix[offset + d]! * query[d]!;
      b += matrix[offset + d + 1]! * query[d + 1]!;
      c += matrix[offset + d + 2]! * query[d + 2]!;
      e += matrix[offset + d + 3]! * query[d + 3]!;
    }
    for (; d < dims; d++) a += matrix[offset + d]! * query[d]!;
    out[row] = a + b + c + e;
  }
  return row;
}

function max(values: Float64Array): number {
  let best = -Infinity;
  for (const v of values) if (v > best) best = v;
  return best;
}

/** Adds BM25 scores divided by the best one (so 0–1), times `weight`. */
function addScaled(target: Float64Array, scores: Map<number, number>, weight: number): void {
  let best = 0;
  for (const s of scores.values()) best = Math.max(best, s);
  if (best > 0) for (const [i, s] of scores) target[i]! += (weight * s) / best;
}

/** Adds values rescaled to 0–1 between their minimum and maximum, times `weight`. */
function addMinMaxScaled(target: Float64Array, values: Float64Array, weight: number): void {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (high - low <= 1e-9) return;
  const scale = weight / (high - low);
  for (let i = 0; i < values.length; i++) target[i]! += (values[i]! - low) * scale;
}

/** Positions of the `k` highest scores, best first. */
function topIndices(scores: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (top.length === k && score <= scores[top[k - 1]!]!) continue;
    let at = top.length;
    while (at > 0 && scores[top[at - 1]!]! < score) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}
