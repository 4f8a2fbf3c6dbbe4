import type { Article, Paragraph, Sentence } from '../knowledge/types.js';
import type { ArticleEvidence } from './article-evidence.js';
import { Bm25Corpus, type DocumentScores, type PlacedPostings } from './bm25.js';
import { isSpeechTerm, PeopleMatcher, type PersonProfile, type QuestionFocus } from './question-focus.js';
import { KIND, specificTime, wantedKind } from './answer-kinds.js';
import { questionType } from './question-type.js';
import { dotRows } from '../embedding/embedder.js';
import { Spelling } from './spelling.js';
import { positionsById, type PositionLookup } from './positions-by-id.js';
import type { TermVectors } from './term-vectors.js';
import { countedWords, countsAny } from './counted-noun.js';
import { askedOfPerson, namedBeside } from './named-beside.js';
import { instanceNames, knowsWord, relations } from '../language/wordnet.js';
import { wordRarity } from './word-rarity.js';
import { numberUnitTest } from './number-unit.js';
import { contentTerms, indexTerm, isStopWord, stem, words } from './text-terms.js';

/** Which evidence ranks the paragraphs: both (the engine), or one alone (for the eval's baselines). */
export type RetrievalMode = 'hybrid' | 'lexical' | 'dense';

/** A question's embedding, and one vector per content word of it (the words of `wordsToEmbed`). */
export interface QueryVectors {
  question: Float32Array;
  words: ReadonlyMap<string, Float32Array>;
}

/** The question's distinct content words, each of which is matched to the articles' words by meaning. */
export function wordsToEmbed(question: string): string[] {
  return [...new Set(words(question).filter((w) => !isStopWord(w)))];
}

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
  /** Each of its sentences' scores for this question, in order. */
  sentenceScores: number[];
}

export interface Ranking {
  focus: QuestionFocus;
  /** The best-scoring paragraphs (at most 50), best first. */
  paragraphs: ScoredParagraph[];
  /** The paragraphs that mention the subject of a "what did X say" (`focus.subject`), in article order. */
  subjectParagraphs: ScoredParagraph[];
  /** The question's content words that nothing in the articles matches, by form or by meaning. */
  unmatchedWords: string[];
  /**
   * The IDF-weighted share of the question's content words that nothing in the articles matches closely,
   * 0–1: not by form, not through WordNet, and not by a word at least MATCHED_CREDIT near in meaning.
   */
  unmatchedShare: number;
  /** The question wants a kind of answer (a time, a number…) that the top paragraph's best sentence lacks. */
  kindMissing: boolean;
  /**
   * How rare in English (see `wordRarity`) the rarest content word of the question is that the top
   * paragraph or its headline holds, times how closely it holds it (by form or WordNet: 1; through a word
   * near in meaning: that word's credit), over the rarity of the question's rarest word, 0–1: whether the
   * most specific thing the question names is there. Small talk shares only common words with the articles
   * ("lol is anyone else bored at work today"); a question about them names something they hold ("levee",
   * a surname, a role), and a short general one ("what happened to the school?") holds its rarest word.
   */
  rarestHeld: number;
  /** Highest raw cosine similarity between the question and any sentence (0 when the question has no known words). */
  bestSentenceSimilarity: number;
  /**
   * For "what did X say about Y": the share of Y's terms (the question's content words other than X's
   * names, role and the verb of saying) found in the paragraphs where X speaks; undefined without a Y.
   */
  subjectTopicCoverage?: number;
  /** Capitalised words of the question (names, places) that no loaded article contains. */
  unknownNames: string[];
}

/**
 * The constants of ranking. `lexical`, `dense` and `align` weigh BM25 (scaled to 0–1 by the best score),
 * the dense cosine similarity (min–max scaled) and the word-by-word match by meaning (0–1);
 * `sentenceShare` is how much a paragraph's score is its best sentence's rather than its own; `answerKind`
 * is added to a sentence that holds the kind of answer the question asks for (a time for "when"…).
 * Matching by meaning counts an article term for a question word when their vectors are at least
 * `nearMin` similar, credited at that similarity times `nearCredit` (an exact match is worth 1).
 */
export interface RankingWeights {
  lexical: number;
  dense: number;
  align: number;
  sentenceShare: number;
  answerKind: number;
  nearMin: number;
  nearCredit: number;
  /** How much an article's own IDF of a question word weighs in matching it (an exponent; 0: not at all). */
  localIdf: number;
  /** Scales the boost of sentences that name a person the question names (MENTION_BOOST). */
  mention: number;
  /** Credit for a word WordNet relates to the question word (a synonym, a more general word, a derivation). */
  related: number;
  /**
   * Credit every paragraph of an article gets for a question word its headline holds (and, when above 0,
   * BM25 reads every passage with its headline): the headline says what the whole article is about, so a
   * word of it picks the article, not the paragraph that happens to repeat it (most often the first).
   */
  headline: number;
  /** Taken off paragraphs of articles that hold none of the names the question gives (when one does). */
  unnamed: number;
  /** Added, for "who is X", to the sentences that give X's role. */
  identity: number;
  /**
   * Weighs, among the best paragraphs, the similarity of each sentence to the question's words other than
   * its names (see `contentVector`), min–max scaled, as `dense` weighs the whole question's.
   */
  denseContent: number;
  /**
   * Added, among the best paragraphs, for "how many X" to a sentence holding a number beside X or a word
   * near X in meaning (see `countedWords`).
   */
  counted: number;
  /**
   * Added, among the best paragraphs, for "who" to a sentence with a name beside what the question asks
   * the person did or is ("who chairs…": "chairman Sir John Doe"), or a word near it in meaning (see
   * `askedOfPerson`).
   */
  named: number;
  /**
   * Added, among the best paragraphs, for "when" to a sentence holding a point in time (see
   * `specificTime`): a date, a day, a year, "next month". The coarse time cue of `answerKind` is in nearly
   * every sentence of a news story ("weeks", "last", "years").
   */
  specificTime: number;
  /**
   * Added, among the best paragraphs, for a number question to a sentence with a number in the unit it
   * asks for (see `numberUnitTest`): an age for "how old", a share for "what percentage".
   */
  numberUnit: number;
}

/** Fitted by `npm run eval -- --fit` on the question bank's tuning part; see docs/evaluation.md. */
export const RANKING_WEIGHTS: RankingWeights = {
  lexical: 0.3,
  dense: 0.45,
  align: 0.5,
  sentenceShare: 0.5,
  answerKind: 0.3,
  nearMin: 0.55,
  nearCredit: 0.7,
  related: 0.7,
  mention: 0,
  localIdf: 1,
  headline: 0.75,
  unnamed: 0.2,
  identity: 0.6,
  denseContent: 0.45,
  counted: 0.45,
  named: 0.2,
  specificTime: 0.1,
  numberUnit: 0.45,
};

// Terms near in meaning considered per question word: enough for synonyms, few enough to stay fast.
const NEAR_LIMIT = 12;
// Sentences one question word may visit through words related to it: at a thousand articles a common
// synonym holds thousands, which cost time and add little; the word itself is always matched.
const MATCH_BUDGET = 5_000;
// The credit below which a question word counts as unmatched when weighing whether to answer: a word the
// vectors put only loosely near something in the articles ("banana" near "hamster") addresses nothing.
// 0.5 takes the word itself, a WordNet relation, or a vector neighbour at similarity 0.71 or more; fitted
// on the tuning part (unanswerable declined 0.30 → 0.34 at the same 1.7 % of answerable declined).
const MATCHED_CREDIT = 0.5;
// Paragraphs whose sentences are re-scored by the question's content vector: the few that can still
// reach the top, so that it costs no pass over every sentence.
const RERANK_DEPTH = 50;
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
  readonly #placed: PlacedPostings[] = [];
  readonly #people: PeopleMatcher;
  readonly weights: RankingWeights;
  readonly #sentenceWords: string[] = [];
  /**
   * Arrays one ranking uses and drops, kept from one question to the next: ranking is synchronous, and at
   * a thousand articles allocating them afresh (a few MB a question) made garbage collection most of the
   * cost of an /ask. Nothing in a returned Ranking points into them.
   */
  readonly #scratch: {
    sentenceSimilarity: Float64Array;
    paragraphSimilarity: Float64Array;
    wholeScores: Float64Array;
    alignSentences: Float64Array;
    alignParagraphs: Float64Array;
    /** Zero between uses: each question word's best credit per sentence and paragraph. */
    bestSentence: Float64Array;
    bestParagraph: Float64Array;
    sentenceScores: Float64Array;
    paragraphScores: Float64Array;
    /** Each paragraph's best-scoring sentence, by corpus position. */
    bestOfParagraph: Int32Array;
  };
  /** Every sentence's KIND bits, in corpus order. */
  readonly #sentenceKinds: Uint8Array;
  /** Corpus positions: each sentence's paragraph, each paragraph's article, and paragraphs per article. */
  readonly #paragraphOfSentence: Int32Array;
  readonly #articleOfParagraph: Int32Array;
  readonly #paragraphsInArticle: Int32Array;
  readonly #firstParagraphOfArticle: Int32Array;
  /**
   * Paragraph p's sentences are positions `sentenceStarts[p]` up to `sentenceStarts[p + 1]`: passes over
   * every paragraph read them here rather than from each paragraph's object, a cache miss apiece.
   */
  readonly #sentenceStarts: Int32Array;
  /** Sentence and paragraph positions by id. */
  readonly #sentenceById: PositionLookup;
  readonly #paragraphById: PositionLookup;
  /** The articles (by position) whose headline holds each term. */
  readonly #headlineArticles = new Map<string, number[]>();
  /** Corrects a question's misspelt words to the articles' own. */
  readonly spelling: Spelling;
  /** Words every article that uses them writes only as names (see ArticleEvidence.properWords). */
  readonly #properNames = new Set<string>();

  /** Built from each article's evidence, which is kept as it is, so the next build can reuse it. */
  constructor(
    readonly evidence: readonly ArticleEvidence[],
    readonly people: readonly PersonProfile[],
    /** The knowledge base's term vectors, for matching question words by meaning. */
    readonly termVectors: TermVectors,
    readonly options: {
      weights?: RankingWeights;
      /** The quote index's name lookup (aliases, titles, typos), shared with `/quote`. */
      resolveName?: (name: string) => string | null;
    } = {},
  ) {
    this.weights = options.weights ?? RANKING_WEIGHTS;
    const placed = this.#placed;
    for (const { article, sentenceWords, postings } of evidence) {
      placed.push({ postings, sentenceStart: this.sentences.length, paragraphStart: this.paragraphs.length });
      let articleSentence = 0;
      for (const paragraph of article.paragraphs) {
        const sentenceStart = this.sentences.length;
        this.paragraphs.push({ paragraph, article, sentenceStart });
        for (const sentence of paragraph.sentences) {
          this.sentences.push({ sentence, paragraph, article });
          this.#sentenceWords.push(sentenceWords[articleSentence++]!);
        }
      }
    }
    this.#lexical = new Bm25Corpus(placed);
    this.#paragraphOfSentence = new Int32Array(this.sentences.length);
    this.#articleOfParagraph = new Int32Array(this.paragraphs.length);
    this.#paragraphsInArticle = Int32Array.from(evidence, (e) => e.article.paragraphs.length);
    this.#firstParagraphOfArticle = Int32Array.from(placed, (p) => p.paragraphStart);
    this.#sentenceStarts = Int32Array.from([
      ...this.paragraphs.map((p) => p.sentenceStart),
      this.sentences.length,
    ]);
    const byId = positionsById({
      slugs: evidence.map((e) => e.article.slug),
      firstParagraphOfArticle: this.#firstParagraphOfArticle,
      paragraphs: this.paragraphs,
    });
    this.#sentenceById = byId.sentence;
    this.#paragraphById = byId.paragraph;
    const articleIndex = new Map(evidence.map((e, a) => [e.article, a]));
    this.paragraphs.forEach(({ paragraph, article, sentenceStart }, p) => {
      this.#articleOfParagraph[p] = articleIndex.get(article)!;
      this.#paragraphOfSentence.fill(p, sentenceStart, sentenceStart + paragraph.sentences.length);
    });
    const [sentences, paragraphs] = [this.sentences.length, this.paragraphs.length];
    this.#scratch = {
      sentenceSimilarity: new Float64Array(sentences),
      paragraphSimilarity: new Float64Array(paragraphs),
      wholeScores: new Float64Array(paragraphs),
      alignSentences: new Float64Array(sentences),
      alignParagraphs: new Float64Array(paragraphs),
      bestSentence: new Float64Array(sentences),
      bestParagraph: new Float64Array(paragraphs),
      sentenceScores: new Float64Array(sentences),
      paragraphScores: new Float64Array(paragraphs),
      bestOfParagraph: new Int32Array(paragraphs),
    };
    this.#sentenceKinds = new Uint8Array(this.sentences.length);
    let at = 0;
    for (const { sentenceKinds } of evidence) {
      this.#sentenceKinds.set(sentenceKinds, at);
      at += sentenceKinds.length;
    }
    this.#people = new PeopleMatcher(people, options.resolveName);
    // A word is a name when every article that uses it writes it as one ("Bill Roe" and "the energy bill"
    // make "bill" a common word).
    const using = new Map<string, number>();
    const naming = new Map<string, number>();
    for (const { contentWords, properWords } of evidence) {
      for (const word of contentWords) using.set(word, (using.get(word) ?? 0) + 1);
      for (const word of properWords) naming.set(word, (naming.get(word) ?? 0) + 1);
    }
    for (const [word, n] of naming) if (using.get(word) === n) this.#properNames.add(word);
    this.spelling = new Spelling(using);
    evidence.forEach(({ article }, a) => {
      for (const term of new Set(contentTerms(article.title))) {
        const articles = this.#headlineArticles.get(term) ?? [];
        articles.push(a);
        this.#headlineArticles.set(term, articles);
      }
    });
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

  /** The corpus positions of the paragraphs that mention `person`, in article order. */
  #mentioning(person: PersonProfile): number[] {
    const positions = new Set<number>();
    for (const id of person.mentions) {
      const sentence = this.#sentenceById.get(id);
      if (sentence !== undefined) positions.add(this.#paragraphOfSentence[sentence]!);
    }
    return [...positions].sort((a, b) => a - b);
  }

  /** Paragraph p's best-scoring sentence (its first, on a tie). */
  #bestSentenceOf(p: number, sentenceScores: Float64Array): number {
    let best = this.#sentenceStarts[p]!;
    for (let i = best + 1; i < this.#sentenceStarts[p + 1]!; i++) {
      if (sentenceScores[i]! > sentenceScores[best]!) best = i;
    }
    return best;
  }

  /** Inverse document frequency over paragraphs; a term the articles never use is as rare as can be. */
  #idf(term: string): number {
    const n = this.paragraphs.length;
    return Math.log(1 + n / (this.#lexical.paragraphFrequency(term) + 0.5));
  }

  /** Whether every article using `word` (lower case) writes it as a name, capitalised mid-sentence. */
  isName(word: string): boolean {
    return this.#properNames.has(word);
  }

  /** The paragraphs whose text holds `word` as the index reads words (case folded, stemmed), in order. */
  paragraphsHolding(word: string): Paragraph[] {
    const term = indexTerm(word);
    const positions = new Set<number>();
    if (term) this.#lexical.forEachSentenceWith(term, (_, p) => positions.add(p));
    return [...positions].sort((a, b) => a - b).map((p) => this.paragraphs[p]!.paragraph);
  }

  /** Ranks paragraphs for a question whose embedding is `query`. */
  rank(question: string, query: QueryVectors, mode: RetrievalMode = 'hybrid'): Ranking {
    const queryVector = query.question;
    // The question's names, which match only themselves and keep the ranking to the articles holding them.
    const names = namesIn(question);
    for (const word of words(question)) if (this.#properNames.has(word)) names.add(word);
    const alignment = this.#alignment(question, query.words, names);
    const focus = this.#people.find(question, alignment.near);
    const wanted = wantedKind(questionType(question));
    const useLexical = mode !== 'dense';
    const useDense = mode !== 'lexical';
    const w = this.weights;
    const lexicalWeight = useDense ? w.lexical : 1;
    const denseWeight = useLexical ? w.dense : 1;

    const scratch = this.#scratch;
    const rawSentenceSimilarity = this.#similarities(
      queryVector,
      scratch.sentenceSimilarity,
      (e) => e.sentenceVectors,
    );
    const bestSentenceSimilarity = Math.max(0, max(rawSentenceSimilarity));
    const sentenceScores = scratch.sentenceScores.fill(0);
    // With headlines in use, BM25 reads each passage as its article's headline and its own text (not in
    // the eval's BM25 baseline, which is MiniSearch's ranking).
    const headlineArticles = (term: string) =>
      mode === 'hybrid' && w.headline > 0
        ? (this.#headlineArticles.get(term) ?? []).map((a) => this.#placed[a]!)
        : [];
    const bm25 = useLexical ? this.#lexical.scores(words(question), headlineArticles) : undefined;
    if (bm25) addScaled(sentenceScores, bm25.sentences, lexicalWeight);
    if (useDense) addMinMaxScaled(sentenceScores, rawSentenceSimilarity, denseWeight);
    if (mode === 'hybrid') {
      addWeighted(sentenceScores, alignment.sentences, w.align);
      this.#addKindBonus(sentenceScores, wanted, w.answerKind);
      this.#addPersonBoosts(sentenceScores, focus, question);
    }

    const paragraphCount = this.paragraphs.length;
    const wholeScores = scratch.wholeScores.fill(0);
    if (bm25) addScaled(wholeScores, bm25.paragraphs, lexicalWeight);
    if (useDense) {
      const raw = this.#similarities(queryVector, scratch.paragraphSimilarity, (e) => e.paragraphVectors);
      addMinMaxScaled(wholeScores, raw, denseWeight);
    }
    if (mode === 'hybrid') addWeighted(wholeScores, alignment.paragraphs, w.align);
    // Every entry is written below: no fill needed.
    const paragraphScores = scratch.paragraphScores;
    const bestSentence = scratch.bestOfParagraph;
    for (let p = 0; p < paragraphCount; p++) {
      const best = this.#bestSentenceOf(p, sentenceScores);
      bestSentence[p] = best;
      paragraphScores[p] = w.sentenceShare * sentenceScores[best]! + (1 - w.sentenceShare) * wholeScores[p]!;
    }
    if (mode === 'hybrid' && w.unnamed > 0) this.#discountUnnamed(paragraphScores, names, w.unnamed);
    // What "how many" counts, other than the names it gives ("how many Zentford fans" counts fans).
    const counted =
      mode === 'hybrid' && w.counted > 0
        ? countedWords(question)
            .filter((word) => !names.has(word))
            .map(stem)
        : [];
    // What "who" asks the person did or is, unless it is a name ("who chairs the board" → chairs).
    const asked =
      mode === 'hybrid' && w.named > 0 && wanted === KIND.person ? askedOfPerson(question) : undefined;
    const named = asked && !names.has(asked) ? [stem(asked)] : [];
    const timed = mode === 'hybrid' && w.specificTime > 0 && wanted === KIND.time;
    const inUnit =
      mode === 'hybrid' && w.numberUnit > 0 && wanted === KIND.number ? numberUnitTest(question) : undefined;
    if (
      mode === 'hybrid' &&
      (w.denseContent > 0 || counted.length > 0 || named.length > 0 || timed || inUnit)
    ) {
      const reranked = topIndices(paragraphScores, RERANK_DEPTH);
      const before = reranked.map((p) => sentenceScores[bestSentence[p]!]!);
      const content = w.denseContent > 0 ? contentVector(query.words, names) : undefined;
      if (content) this.#addContentSimilarity(content, reranked, sentenceScores, w.denseContent);
      const withNear = (terms: readonly string[]) =>
        new Set(terms.flatMap((t) => [t, ...(alignment.near.get(t) ?? [])]));
      if (counted.length > 0) {
        const near = withNear(counted);
        this.#addBonusWhere(reranked, sentenceScores, w.counted, (i) =>
          countsAny(this.#sentenceWords[i]!.split(' '), near),
        );
      }
      if (named.length > 0) {
        const near = withNear(named);
        this.#addBonusWhere(reranked, sentenceScores, w.named, (i) =>
          namedBeside(this.sentences[i]!.sentence.text, near),
        );
      }
      if (timed) {
        this.#addBonusWhere(reranked, sentenceScores, w.specificTime, (i) =>
          specificTime(this.sentences[i]!.sentence.text),
        );
      }
      if (inUnit) {
        this.#addBonusWhere(reranked, sentenceScores, w.numberUnit, (i) =>
          inUnit(this.sentences[i]!.sentence.text),
        );
      }
      for (const [k, p] of reranked.entries()) {
        const best = this.#bestSentenceOf(p, sentenceScores);
        bestSentence[p] = best;
        paragraphScores[p]! += w.sentenceShare * (sentenceScores[best]! - before[k]!);
      }
    }

    // What the ranking returns is copied out of the scratch arrays, which the next question overwrites.
    const scored = (p: number): ScoredParagraph => {
      const { paragraph, article, sentenceStart } = this.paragraphs[p]!;
      const best = bestSentence[p]!;
      return {
        paragraph,
        article,
        score: paragraphScores[p]!,
        best: { ...this.sentences[best]!, score: sentenceScores[best]! },
        sentenceScores: Array.from(
          sentenceScores.subarray(sentenceStart, sentenceStart + paragraph.sentences.length),
        ),
      };
    };
    const top = topIndices(paragraphScores, RANKED_PARAGRAPHS);
    const questionTerms = [...new Set(contentTerms(question))];
    const subjectTopicCoverage = focus.subject
      ? this.#subjectTopicCoverage(
          questionTerms,
          focus.subject.person,
          focus.subjectPhrase ?? '',
          alignment.near,
        )
      : undefined;
    return {
      focus,
      paragraphs: top.map(scored),
      unmatchedWords: alignment.unmatched,
      unmatchedShare: alignment.unmatchedShare,
      kindMissing:
        wanted !== 0 && top[0] !== undefined && (this.#sentenceKinds[bestSentence[top[0]]!]! & wanted) === 0,
      ...(subjectTopicCoverage === undefined ? {} : { subjectTopicCoverage }),
      bestSentenceSimilarity,
      rarestHeld: top[0] === undefined ? 0 : this.#rarestHeld(top[0], alignment.credits),
      unknownNames: this.#unknownNames(question, focus, alignment.unmatched),
      subjectParagraphs: focus.subject ? this.#mentioning(focus.subject.person).map(scored) : [],
    };
  }

  /**
   * How much of the question each sentence and paragraph addresses, word by word: each content word of
   * the question, weighted by its IDF, is matched to the sentence's word nearest it (itself: 1; a word
   * near in meaning: `nearCredit` × similarity), and the weighted shares are summed, 0–1.
   */
  #alignment(
    question: string,
    wordVectors: ReadonlyMap<string, Float32Array>,
    /** The question's names (see `namesIn`). */
    names: ReadonlySet<string>,
  ): {
    sentences: Float64Array;
    paragraphs: Float64Array;
    unmatched: string[];
    unmatchedShare: number;
    /** Each question term's article terms near in meaning. */
    near: Map<string, string[]>;
    /**
     * How well each article term holds each question word: itself and the words WordNet relates to it
     * fully (1), the words near it by their vectors as credited, and not at all the words only a more
     * general word brought in ("banana" is not held by "fruit"), unless they are someone's role.
     */
    credits: Map<string, ReadonlyMap<string, number>>;
  } {
    const nearTerms = new Map<string, string[]>();
    const creditsOf = new Map<string, ReadonlyMap<string, number>>();
    const {
      alignSentences: sentences,
      alignParagraphs: paragraphs,
      bestSentence,
      bestParagraph,
    } = this.#scratch;
    sentences.fill(0);
    paragraphs.fill(0);
    const unmatched: string[] = [];
    const slots = new Map<string, string>();
    for (const word of wordsToEmbed(question)) if (!slots.has(stem(word))) slots.set(stem(word), word);
    // A content word and the word after it may be one lexical unit ("set up", "step down").
    const all = words(question);
    const phraseAfter = new Map(all.slice(0, -1).map((w, i) => [w, `${w} ${all[i + 1]}`]));
    const articles = this.#paragraphsInArticle.length;
    // Each article weighs the question's words by their IDF in the knowledge base times, to the power
    // `localIdf`, their IDF among its own paragraphs: a word every paragraph of the article uses (its
    // company's name) says nothing about which of them answers.
    const totals = new Float64Array(articles);
    const localDf = new Int32Array(articles);
    let globalTotal = 0;
    let unmatchedWeight = 0;
    for (const [term, word] of slots) {
      const global = this.#idf(term);
      globalTotal += global;
      // A name matches itself and its other names ("US", "America"), never a name near it in meaning:
      // "Australia" is not "Canada", though their vectors are close; nor is "tomorrow" "Monday", or "2015"
      // "2019".
      const otherNames = names.has(word)
        ? (instanceNames(word) ?? [])
        : isCalendarOrNumber(word)
          ? []
          : undefined;
      const vector = otherNames ? undefined : wordVectors.get(word);
      const near = vector ? this.termVectors.near(vector, this.weights.nearMin, NEAR_LIMIT) : [];
      const credits = new Map<string, number>([[term, 1]]);
      const credit = (t: string, c: number) => {
        if (c > (credits.get(t) ?? 0)) credits.set(t, c);
      };
      for (const n of near) credit(n.term, this.weights.nearCredit * n.similarity);
      // Terms only a more general word brought in ("banana" → "fruit"): they help rank, but show that the
      // articles hold the word asked for only when they are someone's role ("prosecutor" → "lawyer").
      const broaderOnly = new Set<string>();
      const byWordNet = new Set<string>();
      if (this.weights.related > 0) {
        const phrase = phraseAfter.get(word);
        const found = otherNames
          ? [{ close: otherNames, broader: [] }]
          : [relations(word), ...(phrase ? [relations(phrase)] : [])];
        const relate = (relatedWord: string, isBroader: boolean) => {
          const t = indexTerm(relatedWord);
          if (!t || this.#lexical.paragraphFrequency(t) === 0) return;
          if (isBroader && !credits.has(t) && !this.#people.isRoleTerm(t)) broaderOnly.add(t);
          else if (!isBroader) broaderOnly.delete(t);
          credit(t, this.weights.related);
          byWordNet.add(t);
        };
        for (const { close, broader } of found) {
          for (const w of close) relate(w, false);
          for (const w of broader) relate(w, true);
        }
      }
      // The best credit of this word in each sentence and paragraph, in reused arrays: a common word
      // touches thousands of sentences at a thousand articles, and maps of them made most of the garbage.
      const touchedSentences: number[] = [];
      const touchedParagraphs: number[] = [];
      localDf.fill(0);
      // The word itself first, then the others from the nearest down, while the budget lasts.
      let budget = MATCH_BUDGET;
      for (const [candidate, c] of [...credits].sort((a, b) => b[1] - a[1])) {
        const occurrences = this.#lexical.sentenceFrequency(candidate);
        if (c < 1 && occurrences > budget) continue;
        budget -= occurrences;
        this.#lexical.forEachSentenceWith(candidate, (s, p) => {
          if (bestSentence[s] === 0) touchedSentences.push(s);
          if (c > bestSentence[s]!) bestSentence[s] = c;
          if (bestParagraph[p] === 0) touchedParagraphs.push(p);
          if (candidate === term && bestParagraph[p] !== 1) localDf[this.#articleOfParagraph[p]!]!++;
          if (c > bestParagraph[p]!) bestParagraph[p] = c;
        });
      }
      if (this.weights.headline > 0) {
        this.#creditHeadlines(credits, touchedSentences, touchedParagraphs, bestSentence, bestParagraph);
      }
      const holding = new Map<string, number>();
      for (const [t, c] of credits) if (!broaderOnly.has(t)) holding.set(t, byWordNet.has(t) ? 1 : c);
      creditsOf.set(word, holding);
      nearTerms.set(
        term,
        [...credits.keys()].filter((t) => t !== term),
      );
      if (touchedParagraphs.length === 0) unmatched.push(word);
      let closest = 0;
      for (const p of touchedParagraphs) closest = Math.max(closest, bestParagraph[p]!);
      if (closest < MATCHED_CREDIT) unmatchedWeight += global;
      const weightIn = (a: number) =>
        global * Math.log(1 + this.#paragraphsInArticle[a]! / (localDf[a]! + 0.5)) ** this.weights.localIdf;
      const weights = new Float64Array(articles);
      for (let a = 0; a < articles; a++) totals[a]! += weights[a] = weightIn(a);
      for (const s of touchedSentences) {
        sentences[s]! +=
          weights[this.#articleOfParagraph[this.#paragraphOfSentence[s]!]!]! * bestSentence[s]!;
        bestSentence[s] = 0;
      }
      for (const p of touchedParagraphs) {
        paragraphs[p]! += weights[this.#articleOfParagraph[p]!]! * bestParagraph[p]!;
        bestParagraph[p] = 0;
      }
    }
    for (let s = 0; s < sentences.length; s++) {
      const total = totals[this.#articleOfParagraph[this.#paragraphOfSentence[s]!]!]!;
      if (total > 0) sentences[s]! /= total;
    }
    for (let p = 0; p < paragraphs.length; p++) {
      const total = totals[this.#articleOfParagraph[p]!]!;
      if (total > 0) paragraphs[p]! /= total;
    }
    const unmatchedShare = globalTotal > 0 ? unmatchedWeight / globalTotal : 0;
    return {
      sentences,
      paragraphs,
      unmatched,
      unmatchedShare,
      near: nearTerms,
      credits: creditsOf,
    };
  }

  /** See `Ranking.rarestHeld`. */
  #rarestHeld(p: number, credits: ReadonlyMap<string, ReadonlyMap<string, number>>): number {
    const held = this.#termsOfParagraph(p);
    const article = this.#articleOfParagraph[p]!;
    let rarestHeld = 0;
    let rarest = 0;
    for (const [word, matches] of credits) {
      let best = 0;
      for (const [term, credit] of matches) {
        if (held.has(term) || this.#headlineArticles.get(term)?.includes(article))
          best = Math.max(best, credit);
      }
      const rarity = wordRarity(word);
      rarestHeld = Math.max(rarestHeld, best * rarity);
      rarest = Math.max(rarest, rarity);
    }
    return rarest > 0 ? rarestHeld / rarest : 0;
  }

  /**
   * Lowers by `discount` the paragraphs of articles that do not hold any name the question gives, when
   * some article holds one: who names "Zentford" means the Zentford story, however well another
   * article matches the rest of the question.
   */
  #discountUnnamed(scores: Float64Array, names: ReadonlySet<string>, discount: number): void {
    const naming = new Set<number>();
    for (const name of names) {
      const term = indexTerm(name);
      if (!term) continue;
      this.#lexical.forEachSentenceWith(term, (_, p) => naming.add(this.#articleOfParagraph[p]!));
      for (const a of this.#headlineArticles.get(term) ?? []) naming.add(a);
    }
    if (naming.size === 0) return;
    for (let p = 0; p < scores.length; p++) {
      if (!naming.has(this.#articleOfParagraph[p]!)) scores[p]! -= discount;
    }
  }

  /**
   * Raises the credit of every sentence and paragraph of an article whose headline holds one of a
   * question word's `credits` (itself or a word near it) to `headline` times that credit.
   */
  #creditHeadlines(
    credits: ReadonlyMap<string, number>,
    touchedSentences: number[],
    touchedParagraphs: number[],
    bestSentence: Float64Array,
    bestParagraph: Float64Array,
  ): void {
    const byArticle = new Map<number, number>();
    for (const [candidate, c] of credits) {
      for (const a of this.#headlineArticles.get(candidate) ?? []) {
        byArticle.set(a, Math.max(byArticle.get(a) ?? 0, this.weights.headline * c));
      }
    }
    for (const [a, credit] of byArticle) {
      const first = this.#firstParagraphOfArticle[a]!;
      for (let p = first; p < first + this.#paragraphsInArticle[a]!; p++) {
        if (bestParagraph[p] === 0) touchedParagraphs.push(p);
        if (credit > bestParagraph[p]!) bestParagraph[p] = credit;
        for (let s = this.#sentenceStarts[p]!; s < this.#sentenceStarts[p + 1]!; s++) {
          if (bestSentence[s] === 0) touchedSentences.push(s);
          if (credit > bestSentence[s]!) bestSentence[s] = credit;
        }
      }
    }
  }

  /** Cosine similarity of the query to every row of every article's vectors (rows and query are unit vectors). */
  #similarities(
    query: Float32Array,
    out: Float64Array,
    matrixOf: (e: ArticleEvidence) => Float32Array,
  ): Float64Array {
    let row = 0;
    for (const evidence of this.evidence) {
      row = dotRows(matrixOf(evidence), query, out, row);
    }
    return out;
  }

  /**
   * Adds `weight` times the similarity, min–max scaled among them, of the `paragraphs`' sentences to the
   * question's content vector (see `contentVector`).
   */
  #addContentSimilarity(
    content: Float32Array,
    paragraphs: readonly number[],
    sentenceScores: Float64Array,
    weight: number,
  ): void {
    const dims = content.length;
    const at: number[] = [];
    const similarity: number[] = [];
    for (const p of paragraphs) {
      const { paragraph, sentenceStart } = this.paragraphs[p]!;
      const a = this.#articleOfParagraph[p]!;
      const vectors = this.evidence[a]!.sentenceVectors;
      const firstSentence = this.paragraphs[this.#firstParagraphOfArticle[a]!]!.sentenceStart;
      for (let i = sentenceStart; i < sentenceStart + paragraph.sentences.length; i++) {
        const row = (i - firstSentence) * dims;
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += content[d]! * vectors[row + d]!;
        at.push(i);
        similarity.push(dot);
      }
    }
    const low = Math.min(...similarity);
    const high = Math.max(...similarity);
    if (high - low <= 1e-9) return;
    at.forEach((i, k) => (sentenceScores[i]! += (weight * (similarity[k]! - low)) / (high - low)));
  }

  /**
   * Adds `bonus` to the `paragraphs`' sentences for which `holds` is true: a number beside what "how many"
   * counts, a name beside what "who" asks.
   */
  #addBonusWhere(
    paragraphs: readonly number[],
    sentenceScores: Float64Array,
    bonus: number,
    holds: (sentence: number) => boolean,
  ): void {
    for (const p of paragraphs) {
      const { paragraph, sentenceStart } = this.paragraphs[p]!;
      for (let i = sentenceStart; i < sentenceStart + paragraph.sentences.length; i++) {
        if (holds(i)) sentenceScores[i]! += bonus;
      }
    }
  }

  /** Adds `bonus` to every sentence holding the kind of answer wanted (KIND bits; 0: none wanted). */
  #addKindBonus(scores: Float64Array, wanted: number, bonus: number): void {
    if (wanted === 0 || bonus === 0) return;
    for (let i = 0; i < scores.length; i++) if (this.#sentenceKinds[i]! & wanted) scores[i]! += bonus;
  }

  #addPersonBoosts(scores: Float64Array, focus: QuestionFocus, question: string): void {
    const boosts = new Map<number, number>();
    const add = (ids: readonly string[], amount: number) => {
      for (const id of ids) {
        const i = this.#sentenceById.get(id);
        if (i !== undefined) boosts.set(i, Math.max(boosts.get(i) ?? 0, amount));
      }
    };
    for (const { person, confidence } of focus.people) {
      add(person.mentions, MENTION_BOOST[focus.intent] * confidence * this.weights.mention);
      // "Who is X" is answered where the article says who X is: the sentence that gives X's role.
      if (
        focus.intent === 'identity' &&
        person.role &&
        this.weights.identity > 0 &&
        (confidence < 1 || !asksBeyond(question, person))
      ) {
        const role = person.role.toLowerCase();
        const giving = person.mentions.filter((id) => {
          const i = this.#sentenceById.get(id);
          return i !== undefined && this.sentences[i]!.sentence.text.toLowerCase().includes(role);
        });
        add(giving, this.weights.identity * confidence);
      }
      // When the question says whose words it wants, only that person's words are boosted.
      if (!focus.subject || focus.subject.person === person) {
        add(person.spoke, SPEAKER_BOOST[focus.intent] * confidence);
      }
    }
    for (const [i, boost] of boosts) scores[i]! += boost;
  }

  #subjectTopicCoverage(
    questionTerms: readonly string[],
    person: PersonProfile,
    subjectPhrase: string,
    near: ReadonlyMap<string, readonly string[]>,
  ): number | undefined {
    // The subject phrase as typed is about the person too, typos included ("olivr grant").
    const aboutPerson = new Set(
      contentTerms([...person.aliases, person.role ?? '', subjectPhrase].join(' ')),
    );
    const topic = questionTerms.filter((t) => !aboutPerson.has(t) && !isSpeechTerm(t));
    if (topic.length === 0) return undefined;
    const spokenIn = new Set<string>();
    for (const id of person.spoke) {
      const i = this.#sentenceById.get(id);
      if (i === undefined) continue;
      const p = this.#paragraphById.get(this.sentences[i]!.paragraph.id)!;
      for (const term of this.#termsOfParagraph(p)) spokenIn.add(term);
    }
    // A topic word counts as spoken about through a word near it in meaning too ("job cuts" for "layoffs").
    for (const term of topic) if ((near.get(term) ?? []).some((n) => spokenIn.has(n))) spokenIn.add(term);
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

  /**
   * Names in the question that nothing in the articles matches, by form or by meaning (`unmatched`):
   * a capitalised word inside a sentence ("Paris"), or the X of "what did X say" when nobody is called X.
   */
  #unknownNames(question: string, focus: QuestionFocus, unmatched: readonly string[]): string[] {
    const isUnmatched = (w: string) => unmatched.includes(w);
    // "what did spicr say": a subject nobody is called, and words the articles never use, is a name they
    // do not mention (or a typo of one), however it is capitalised.
    if (focus.subjectPhrase && !focus.subject && words(focus.subjectPhrase).some(isUnmatched)) {
      return [focus.subjectPhrase.replace(/^(the|a|an)\s+/i, '')];
    }
    // A sentence's first word is capitalised anyway, and "I" always is; neither names anything.
    return capitalisedWords(question).filter((name) => name !== 'I' && words(name).some(isUnmatched));
  }
}

/**
 * Whether a "who is …" question asks for more than who `person`, whom it names, is: "who's the
 * prosecutor in the Roe case" asks for someone else, described by the words beside Roe's name; "who
 * is Jane Roe?" has none.
 */
function asksBeyond(question: string, person: PersonProfile): boolean {
  const own = new Set(contentTerms(person.aliases.join(' ')));
  return contentTerms(question).some((t) => !own.has(t));
}

/**
 * The question's content words other than its names, dates and numbers, as one unit vector (the sum of
 * their vectors); undefined when it has none. The sentence that names every person and place of the
 * story (most often its first) is close to any question about the story in the question's own vector;
 * this one asks only for what the question wants to know about them.
 */
function contentVector(
  wordVectors: ReadonlyMap<string, Float32Array>,
  names: ReadonlySet<string>,
): Float32Array | undefined {
  let sum: Float32Array | undefined;
  for (const [word, vector] of wordVectors) {
    if (names.has(word) || isCalendarOrNumber(word)) continue;
    sum ??= new Float32Array(vector.length);
    for (let d = 0; d < vector.length; d++) sum[d]! += vector[d]!;
  }
  if (!sum) return undefined;
  let norm = 0;
  for (const x of sum) norm += x * x;
  if (norm === 0) return undefined;
  for (let d = 0; d < sum.length; d++) sum[d]! /= Math.sqrt(norm);
  return sum;
}

// Words of time and number, which the word vectors put close together and which never stand for each other.
const CALENDAR_OR_NUMBER =
  /^(?:\d.*|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|today|tomorrow|yesterday|tonight|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion)s?$/;

function isCalendarOrNumber(word: string): boolean {
  return CALENDAR_OR_NUMBER.test(word);
}

/**
 * The question's words (lower case) that name one particular thing: what WordNet knows as a place, a
 * person or an organisation ("france"), and capitalised words inside a sentence that it does not know
 * at all ("Zelnick"). A capitalised common word ("the Prosecutor") is still a common word.
 */
function namesIn(question: string): Set<string> {
  const names = new Set(words(question).filter((w) => instanceNames(w) !== undefined));
  for (const name of capitalisedWords(question)) {
    for (const w of words(name)) if (!knowsWord(w)) names.add(w);
  }
  return names;
}

/**
 * Capitalised words inside a question's sentences: a sentence's first word is capitalised anyway. A
 * question typed in capitals says nothing by its case.
 */
function capitalisedWords(question: string): string[] {
  if (!/\p{Ll}/u.test(question)) return [];
  return question.match(/(?<=[^.!?:;]\s+)\p{Lu}[\p{L}\p{N}'’-]*/gu) ?? [];
}

function max(values: Float64Array): number {
  let best = -Infinity;
  for (const v of values) if (v > best) best = v;
  return best;
}

/** Adds BM25 scores divided by the best one (so 0–1), times `weight`. */
function addScaled(target: Float64Array, { touched, score }: DocumentScores, weight: number): void {
  let best = 0;
  for (const i of touched) best = Math.max(best, score[i]!);
  if (best > 0) for (const i of touched) target[i]! += (weight * score[i]!) / best;
}

function addWeighted(target: Float64Array, values: Float64Array, weight: number): void {
  for (let i = 0; i < values.length; i++) target[i]! += weight * values[i]!;
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
