import type { Logger } from 'pino';
import type { Embedder } from '../embedding/embedder.js';
import type { VectorCache } from '../embedding/vector-cache.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { buildKnowledgeIndex, type ArticleIndex } from './build-index.js';
import type { IndexStats, KnowledgeIndex } from './knowledge-index.js';

/** What a reload changed, for the moderator who ran it and for the log. */
export interface ReloadReport {
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: number;
  /** Texts that had to be embedded (new or changed paragraphs and sentences); cached ones are reused. */
  embeddedTexts: number;
  durationMs: number;
  stats: IndexStats;
}

/**
 * Holds the current index of a knowledge folder and replaces it whole on reload: the new index is
 * built beside the old one and swapped in only when complete, so readers never see a half-built index
 * and a broken file leaves the old one serving. Concurrent reloads share one rebuild.
 */
export class Library {
  #current: ArticleIndex;
  #reloading: Promise<ReloadReport> | undefined;

  private constructor(
    private readonly knowledgeDir: string,
    private readonly embedder: Embedder,
    private readonly logger: Logger,
    private readonly cache: VectorCache | undefined,
    initial: ArticleIndex,
  ) {
    this.#current = initial;
  }

  /** Loads and indexes the folder; throws KnowledgeError if any file is broken. */
  static async open(options: {
    knowledgeDir: string;
    embedder: Embedder;
    logger: Logger;
    cache?: VectorCache;
  }): Promise<Library> {
    const articles = await loadKnowledge(options.knowledgeDir);
    const { index } = await buildKnowledgeIndex(articles, options.embedder, options.cache);
    return new Library(options.knowledgeDir, options.embedder, options.logger, options.cache, index);
  }

  /** The index to answer from now. Take it once per request so one request sees one index. */
  get current(): KnowledgeIndex {
    return this.#current;
  }

  /**
   * Rebuilds from the folder and swaps the result in. A reload already running is joined, not repeated.
   * On failure (KnowledgeError naming the files) the current index stays.
   */
  reload(): Promise<ReloadReport> {
    this.#reloading ??= this.#rebuild().finally(() => {
      this.#reloading = undefined;
    });
    return this.#reloading;
  }

  async #rebuild(): Promise<ReloadReport> {
    const started = performance.now();
    const previous = this.#current;
    const articles = await loadKnowledge(this.knowledgeDir, previous.articles);
    const { index, embeddedTexts } = await buildKnowledgeIndex(articles, this.embedder, this.cache, previous);
    this.#current = index;

    const before = new Map(previous.articles.map((a) => [a.slug, a.contentHash]));
    const after = new Map(articles.map((a) => [a.slug, a.contentHash]));
    const report: ReloadReport = {
      added: [...after.keys()].filter((slug) => !before.has(slug)),
      removed: [...before.keys()].filter((slug) => !after.has(slug)),
      changed: [...after]
        .filter(([slug, hash]) => before.has(slug) && before.get(slug) !== hash)
        .map(([slug]) => slug),
      unchanged: [...after].filter(([slug, hash]) => before.get(slug) === hash).length,
      embeddedTexts,
      durationMs: Math.round(performance.now() - started),
      stats: index.stats,
    };
    this.logger.info({ reload: report }, 'knowledge index reloaded');
    return report;
  }
}
