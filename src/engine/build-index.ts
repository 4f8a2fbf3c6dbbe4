import { composeAnswer, type KnowledgeSummary } from '../answer/compose-answer.js';
import { normaliseQuestion } from '../answer/question.js';
import {
  articleEvidence,
  articleWords,
  type ArticleEvidence,
  type ArticleWords,
} from '../answer/article-evidence.js';
import { TermVectors } from '../answer/term-vectors.js';
import {
  HybridRetriever,
  wordsToEmbed,
  type QueryVectors,
  type Ranking,
  type RetrievalMode,
} from '../answer/retrieve.js';
import { questionCore } from '../answer/question-type.js';
import type { AskResult } from '../answer/types.js';
import type { Embedder } from '../embedding/embedder.js';
import type { VectorCache } from '../embedding/vector-cache.js';
import { articleVersion } from '../knowledge/parse-article.js';
import type { Article } from '../knowledge/types.js';
import { buildQuoteIndex, type ArticleQuotes, type QuoteIndex } from '../quotes/quote-index.js';
import type { QuoteResult, SpeakerSuggestion } from '../quotes/types.js';
import { UserError } from '../errors.js';
import type { IndexStats, KnowledgeIndex } from './knowledge-index.js';
import { namedInText } from './name-mentions.js';

/** Longest speaker name accepted by `/quote`; the slash command declares it (Discord allows 100 for an autocomplete value). */
export const MAX_NAME_LENGTH = 100;

/** The engine over one set of articles. Also exposes ranking, for the eval's baselines. */
export class ArticleIndex implements KnowledgeIndex {
  readonly stats: IndexStats;
  readonly #summary: KnowledgeSummary;

  constructor(
    readonly articles: readonly Article[],
    private readonly embedder: Embedder,
    /** Ranking, and each article's evidence for the next build to reuse. */
    readonly retriever: HybridRetriever,
    /** Quotes and speakers, exposed for the eval. */
    readonly quoteIndex: QuoteIndex,
  ) {
    const people = quoteIndex.people;
    this.stats = {
      articles: articles.length,
      paragraphs: retriever.paragraphs.length,
      sentences: retriever.sentences.length,
      speakers: people.filter((p) => p.quoteCount > 0).length,
      quotes: quoteIndex.quotes.filter((q) => q.speaker !== null).length,
    };
    const notableSpeakers = quoteIndex.suggest('', 3).map((s) => s.name);
    const aliasesOf = new Map(people.map((p) => [p.canonical, [p.canonical, ...p.aliases]]));
    const quotedIn = new Map<string, (readonly string[])[]>();
    for (const quote of quoteIndex.quotes) {
      const aliases = quote.speaker === null ? undefined : aliasesOf.get(quote.speaker);
      if (!aliases) continue;
      for (const id of quote.sentenceIds) quotedIn.set(id, [...(quotedIn.get(id) ?? []), aliases]);
    }
    this.#summary = {
      articles,
      notableSpeakers,
      // Only a typo-level match: "Did you mean" must not offer a stranger for an unknown name.
      nearNames: (name) => {
        const found = quoteIndex.lookup(name);
        return found.speaker ? [found.speaker] : [];
      },
      quotedIn: (id) => quotedIn.get(id) ?? [],
    };
  }

  /** What the next build can take over from this one. */
  get reusable(): Reusable {
    return {
      evidence: this.retriever.evidence,
      termVectors: this.retriever.termVectors,
      quoteAnalyses: this.quoteIndex.analyses,
    };
  }

  async ask(rawQuestion: string): Promise<AskResult> {
    const question = normaliseQuestion(rawQuestion);
    return composeAnswer(question, await this.rank(question), this.#summary);
  }

  /** Ranks paragraphs for an already-normalised question; `mode` picks the evidence. */
  async rank(question: string, mode: RetrievalMode = 'hybrid'): Promise<Ranking> {
    // The baselines (one kind of evidence alone) read the question as typed, typos and all.
    const { core, vectors } = await this.query(question, mode === 'hybrid');
    return this.retriever.rank(core, vectors, mode);
  }

  /**
   * What ranking reads from a question: its core (courtesies and "can you tell me" set aside, typing slips
   * corrected unless `correct` is false) and the embeddings of the core and of each of its content words,
   * in one call to the model.
   */
  async query(question: string, correct = true): Promise<{ core: string; vectors: QueryVectors }> {
    const core = correct ? this.retriever.spelling.correct(questionCore(question)) : questionCore(question);
    const questionWords = wordsToEmbed(core);
    const [vector, ...wordVectors] = await this.embedder.embed([core, ...questionWords]);
    return {
      core,
      vectors: { question: vector!, words: new Map(questionWords.map((w, i) => [w, wordVectors[i]!])) },
    };
  }

  quote(name: string): QuoteResult {
    const query = name.replace(/\s+/g, ' ').trim();
    if (query.length === 0) throw new UserError('Please give a name, for example a surname.');
    if (query.length > MAX_NAME_LENGTH)
      throw new UserError(`Names are at most ${MAX_NAME_LENGTH} characters long.`);
    const result = this.quoteIndex.lookup(query);
    if (result.speaker !== null) return result;
    // Named in the text but unknown to the speaker registry: never quoted, and said to be mentioned.
    const named = namedInText(this.retriever, query);
    return named ? { ...result, speaker: named.name, mentioned: named.paragraphs } : result;
  }

  suggestSpeakers(prefix: string, limit = 25): SpeakerSuggestion[] {
    return this.quoteIndex.suggest(prefix.slice(0, MAX_NAME_LENGTH), limit);
  }
}

/**
 * Lets other work (an /ask during a reload) run. The per-article steps of a build take up to tens of
 * milliseconds each for a very long article; a pause after each keeps a reload of many from adding up.
 */
function otherWorksTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const NO_VECTOR = new Float32Array(0);

/** Every paragraph's and sentence's text: what the vector cache keeps. */
function allTexts(articles: readonly Article[]): string[] {
  return articles.flatMap((a) => a.paragraphs.flatMap((p) => [p.text, ...p.sentences.map((s) => s.text)]));
}

/**
 * What a build takes over from an earlier one (the index a reload replaces, or the one a start-up finds
 * saved): each article's evidence and quote analysis, keyed by the article's version, and the term vectors.
 */
export interface Reusable {
  evidence: readonly ArticleEvidence[];
  termVectors?: TermVectors;
  quoteAnalyses: ReadonlyMap<string, ArticleQuotes>;
}

/**
 * Builds the index. Whatever depends on one article alone (its words, its vectors, its quote analysis) is
 * taken from `reuse` when the article is unchanged, so a reload or a start-up does that work for new and
 * changed articles only. Their texts are embedded through the cache when given; `embeddedTexts` counts what
 * the model actually had to embed, and `cacheWriteError` says why the cache could not keep them, if it
 * could not.
 */
export async function buildKnowledgeIndex(
  articles: readonly Article[],
  embedder: Embedder,
  { cache, reuse }: { cache?: VectorCache; reuse?: Reusable } = {},
): Promise<{ index: ArticleIndex; embeddedTexts: number; cacheWriteError?: unknown }> {
  // Quotes are read while the texts are embedded: the model runs on threads of its own and the tagger on
  // this one (or on workers, for many articles), so a first start keeps every core busy.
  const [quotes, { evidence, termVectors, embeddedTexts, cacheWriteError }] = await Promise.all([
    buildQuoteIndex(articles, reuse?.quoteAnalyses),
    buildEvidence(articles, embedder, cache, reuse),
  ]);
  const retriever = new HybridRetriever(evidence, quotes.people, termVectors, {
    resolveName: (name) => quotes.lookup(name).speaker,
  });
  return {
    index: new ArticleIndex(articles, embedder, retriever, quotes),
    embeddedTexts,
    ...(cacheWriteError === undefined ? {} : { cacheWriteError }),
  };
}

/**
 * Each term's vector: the earlier build's where it has one, `newVectors` for `newTerms`. A term the model has
 * no vector for stays known as such (an empty vector), so it is not embedded again.
 */
function termVectorMap(
  termWords: ReadonlyMap<string, string>,
  previousTerms: TermVectors | undefined,
  newTerms: readonly (readonly [string, string])[],
  newVectors: readonly Float32Array[],
): Map<string, Float32Array> {
  const termVectors = new Map<string, Float32Array>();
  for (const [term] of termWords) {
    const reused = previousTerms?.has(term) ? (previousTerms.vector(term) ?? NO_VECTOR) : undefined;
    if (reused) termVectors.set(term, reused);
  }
  newTerms.forEach(([term], i) => termVectors.set(term, newVectors[i]!));
  return termVectors;
}

/** Each article's evidence (carried over or computed) and the knowledge base's term vectors. */
async function buildEvidence(
  articles: readonly Article[],
  embedder: Embedder,
  cache: VectorCache | undefined,
  reuse: Reusable | undefined,
): Promise<{
  evidence: ArticleEvidence[];
  termVectors: TermVectors;
  embeddedTexts: number;
  cacheWriteError?: unknown;
}> {
  const carried = new Map(reuse?.evidence.map((e) => [articleVersion(e.article), e]));
  const fresh = articles.filter((article) => !carried.has(articleVersion(article)));
  const paragraphs = fresh.flatMap((a) => a.paragraphs);
  const sentences = paragraphs.flatMap((p) => p.sentences);
  const freshWords = new Map<Article, ArticleWords>();
  for (const article of fresh) {
    freshWords.set(article, articleWords(article));
    await otherWorksTurn();
  }
  // Each term of the knowledge base is embedded as one of its words, the shortest (usually the base form).
  const termWords = new Map<string, string>();
  for (const article of articles) {
    const { contentWords, contentStems } = freshWords.get(article) ?? carried.get(articleVersion(article))!;
    contentWords.forEach((word, i) => {
      const term = contentStems[i]!;
      const known = termWords.get(term);
      if (known === undefined || word.length < known.length || (word.length === known.length && word < known))
        termWords.set(term, word);
    });
  }
  const previousTerms = reuse?.termVectors;
  const newTerms = [...termWords].filter(([term]) => !previousTerms?.has(term));
  const texts = [
    ...paragraphs.map((p) => p.text),
    ...sentences.map((s) => s.text),
    ...newTerms.map(([, word]) => word),
  ];
  // Nothing to embed is the usual start-up from a saved index: the cache file is then not even read.
  const { vectors, computed, writeError } =
    cache && texts.length > 0
      ? await cache.embed(embedder, texts, [...allTexts(articles), ...termWords.values()])
      : { vectors: await embedder.embed(texts), computed: texts.length, writeError: undefined };
  const newVectors = vectors.slice(paragraphs.length + sentences.length);
  // Over the same terms as the index it replaces (a start-up from saved evidence, a reload that brings no
  // new word), the term vectors are kept as they are rather than copied row by row into new ones.
  const termVectors =
    newTerms.length === 0 && previousTerms?.holdsExactly(termWords.keys())
      ? previousTerms
      : TermVectors.fromVectors(termVectorMap(termWords, previousTerms, newTerms, newVectors));

  let paragraphAt = 0;
  let sentenceAt = paragraphs.length;
  const freshEvidence = new Map<Article, ArticleEvidence>();
  for (const article of fresh) {
    const paragraphCount = article.paragraphs.length;
    const sentenceCount = article.paragraphs.reduce((n, p) => n + p.sentences.length, 0);
    freshEvidence.set(
      article,
      articleEvidence(
        article,
        freshWords.get(article)!,
        vectors.slice(paragraphAt, (paragraphAt += paragraphCount)),
        vectors.slice(sentenceAt, (sentenceAt += sentenceCount)),
      ),
    );
    await otherWorksTurn();
  }
  // A carried-over article is the previous load's object (same bytes, same paragraphs), so its evidence
  // stays consistent with the articles this index lists.
  return {
    evidence: articles.map((a) => freshEvidence.get(a) ?? carried.get(articleVersion(a))!),
    termVectors,
    embeddedTexts: computed,
    ...(writeError === undefined ? {} : { cacheWriteError: writeError }),
  };
}
