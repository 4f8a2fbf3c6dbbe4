import { dot } from '../embedding/embedder.js';
import type { Article, Paragraph, Sentence } from '../knowledge/types.js';
import { LexicalIndex } from './lexical-index.js';
import { findQuestionFocus, isSpeechTerm, type PersonProfile, type QuestionFocus } from './question-focus.js';
import { contentTerms, isStopWord, words } from './text-terms.js';

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
  /** Every paragraph with any evidence, best first. */
  paragraphs: ScoredParagraph[];
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

// How much a sentence gains from being about the person the question names (scaled by match confidence).
const SPEAKER_BOOST = { said: 0.5, identity: 0.1, other: 0.1 } as const;
const MENTION_BOOST = { said: 0.1, identity: 0.35, other: 0.15 } as const;

/**
 * Hybrid retrieval over every sentence and paragraph of a set of articles: BM25 and dense cosine
 * similarity, each scaled to 0–1 over the candidates, fused linearly, plus a boost for sentences by or
 * about the people the question names. Immutable once built.
 */
export class HybridRetriever {
  readonly sentences: SentenceEntry[] = [];
  readonly paragraphs: { paragraph: Paragraph; article: Article; sentenceStart: number }[] = [];
  readonly #lexicalSentences: LexicalIndex;
  readonly #lexicalParagraphs: LexicalIndex;
  readonly #paragraphTerms: Set<string>[] = [];
  readonly #vocabulary = new Set<string>();
  readonly #documentFrequency = new Map<string, number>();
  readonly #sentenceById = new Map<string, number>();

  constructor(
    articles: readonly Article[],
    private readonly sentenceVectors: readonly Float32Array[],
    private readonly paragraphVectors: readonly Float32Array[],
    private readonly people: readonly PersonProfile[],
  ) {
    for (const article of articles) {
      for (const paragraph of article.paragraphs) {
        this.paragraphs.push({ paragraph, article, sentenceStart: this.sentences.length });
        for (const sentence of paragraph.sentences) {
          this.#sentenceById.set(sentence.id, this.sentences.length);
          this.sentences.push({ sentence, paragraph, article });
        }
        const paragraphTerms = new Set(contentTerms(paragraph.text));
        this.#paragraphTerms.push(paragraphTerms);
        for (const term of paragraphTerms) {
          this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
        }
        for (const word of words(paragraph.text)) this.#vocabulary.add(word);
      }
    }
    this.#lexicalSentences = new LexicalIndex(this.sentences.map((s) => s.sentence.text));
    this.#lexicalParagraphs = new LexicalIndex(this.paragraphs.map((p) => p.paragraph.text));
  }

  /** Inverse document frequency over paragraphs; a term the articles never use is as rare as can be. */
  idf(term: string): number {
    const n = this.paragraphs.length;
    return Math.log(1 + n / ((this.#documentFrequency.get(term) ?? 0) + 0.5));
  }

  /** Ranks paragraphs for a question whose embedding is `queryVector`. */
  rank(question: string, queryVector: Float32Array, mode: RetrievalMode = 'hybrid'): Ranking {
    const focus = findQuestionFocus(question, this.people);
    const useLexical = mode !== 'dense';
    const useDense = mode !== 'lexical';

    const lexicalSentence = useLexical
      ? scaleToUnit(this.#lexicalSentences.scores(question), this.sentences.length)
      : undefined;
    const lexicalParagraph = useLexical
      ? scaleToUnit(this.#lexicalParagraphs.scores(question), this.paragraphs.length)
      : undefined;
    const rawSentenceSimilarity = this.sentenceVectors.map((v) => dot(queryVector, v));
    const denseSentence = useDense ? minMax(rawSentenceSimilarity) : undefined;
    const denseParagraph = useDense
      ? minMax(this.paragraphVectors.map((v) => dot(queryVector, v)))
      : undefined;
    const lexicalWeight = useDense ? LEXICAL_WEIGHT : 1;
    const denseWeight = useLexical ? DENSE_WEIGHT : 1;

    const boost = mode === 'hybrid' ? this.#personBoosts(focus) : new Map<number, number>();
    const sentenceScores = this.sentences.map(
      (_, i) =>
        lexicalWeight * (lexicalSentence?.[i] ?? 0) +
        denseWeight * (denseSentence?.[i] ?? 0) +
        (boost.get(i) ?? 0),
    );

    const paragraphs = this.paragraphs.map(({ paragraph, article, sentenceStart }, p) => {
      let bestIndex = sentenceStart;
      for (let i = sentenceStart; i < sentenceStart + paragraph.sentences.length; i++) {
        if (sentenceScores[i]! > sentenceScores[bestIndex]!) bestIndex = i;
      }
      const whole = lexicalWeight * (lexicalParagraph?.[p] ?? 0) + denseWeight * (denseParagraph?.[p] ?? 0);
      const score = SENTENCE_SHARE * sentenceScores[bestIndex]! + (1 - SENTENCE_SHARE) * whole;
      return {
        position: p,
        paragraph,
        article,
        score,
        best: { ...this.sentences[bestIndex]!, score: sentenceScores[bestIndex]! },
      };
    });
    paragraphs.sort((a, b) => b.score - a.score);

    const coverage = Math.max(
      0,
      ...paragraphs.slice(0, COVERAGE_DEPTH).map((p) => this.#coverage(question, p.position)),
    );
    const sentenceScore = (id: string) => sentenceScores[this.#sentenceById.get(id) ?? -1] ?? 0;
    const subjectTopicCoverage = focus.subject
      ? this.#subjectTopicCoverage(question, focus.subject.person)
      : undefined;
    return {
      focus,
      paragraphs,
      coverage,
      ...(subjectTopicCoverage === undefined ? {} : { subjectTopicCoverage }),
      bestSentenceSimilarity: Math.max(0, ...rawSentenceSimilarity),
      unknownNames: this.#unknownNames(question),
      sentenceScore,
    };
  }

  #personBoosts(focus: QuestionFocus): Map<number, number> {
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
    return boosts;
  }

  #coverage(question: string, paragraphPosition: number): number {
    return this.#weightedShare(
      [...new Set(contentTerms(question))],
      this.#paragraphTerms[paragraphPosition]!,
    );
  }

  #subjectTopicCoverage(question: string, person: PersonProfile): number | undefined {
    const aboutPerson = new Set(contentTerms([...person.aliases, person.role ?? ''].join(' ')));
    const topic = [...new Set(contentTerms(question))].filter((t) => !aboutPerson.has(t) && !isSpeechTerm(t));
    if (topic.length === 0) return undefined;
    const spokenIn = new Set<string>();
    for (const id of person.speakerSentenceIds) {
      const i = this.#sentenceById.get(id);
      if (i === undefined) continue;
      for (const term of contentTerms(this.sentences[i]!.paragraph.text)) spokenIn.add(term);
    }
    return this.#weightedShare(topic, spokenIn);
  }

  #weightedShare(terms: readonly string[], paragraphTerms: ReadonlySet<string>): number {
    let total = 0;
    let covered = 0;
    for (const term of terms) {
      const weight = this.idf(term);
      total += weight;
      if (paragraphTerms.has(term)) covered += weight;
    }
    return total === 0 ? 0 : covered / total;
  }

  #unknownNames(question: string): string[] {
    // The first word is capitalised anyway, and "I" always is; neither names anything.
    const capitalised = question.match(/(?<=\s)\p{Lu}[\p{L}\p{N}'’-]*/gu) ?? [];
    return capitalised.filter(
      (name) => name !== 'I' && words(name).some((w) => !isStopWord(w) && !this.#vocabulary.has(w)),
    );
  }
}

function scaleToUnit(scores: Map<number, number>, length: number): Float64Array {
  const out = new Float64Array(length);
  let max = 0;
  for (const s of scores.values()) max = Math.max(max, s);
  if (max > 0) for (const [i, s] of scores) out[i] = s / max;
  return out;
}

function minMax(values: number[]): Float64Array {
  const out = new Float64Array(values.length);
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max - min > 1e-9) values.forEach((v, i) => (out[i] = (v - min) / (max - min)));
  return out;
}
