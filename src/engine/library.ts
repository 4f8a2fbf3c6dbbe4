import type { Logger } from 'pino';
import type { Embedder } from '../embedding/embedder.js';
import type { VectorCache } from '../embedding/vector-cache.js';
import { loadKnowledgeFolder } from '../knowledge/load-knowledge.js';
import { articleVersion, loadArticleParsers } from '../knowledge/parse-article.js';
import type { Article, SkippedFile } from '../knowledge/types.js';
import { loadQuoteAnalyses, savedAnalysesStamp, saveQuoteAnalyses } from '../quotes/quote-analysis-store.js';
import { loadTagger } from '../quotes/tagger.js';
import type { ArticleQuotes } from '../quotes/quote-index.js';
import { ArticleIndex, buildKnowledgeIndex, type Reusable } from './build-index.js';
import { loadEvidence, savedVersions, saveEvidence, type SavedEvidence } from './evidence-store.js';
import { indexVersion } from './index-version.js';
import type { IndexStats, KnowledgeIndex } from './knowledge-index.js';

/** Who writes the caches a reload changes (quote analyses, evidence), and when: see Library.reload. */
export type CacheSaving = 'save' | 'saved elsewhere' | 'evidence when asked';

/** What a reload changed, for the moderator who ran it and for the log. */
export interface ReloadReport {
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: number;
  /** Folder entries not read as articles, each with its reason (also logged as a warning). */
  skipped: SkippedFile[];
  /** Texts that had to be embedded (new or changed paragraphs and sentences); cached ones are reused. */
  embeddedTexts: number;
  durationMs: number;
  stats: IndexStats;
}

/** Where a library's knowledge comes from and where it keeps what it has computed. */
export interface LibraryOptions {
  knowledgeDir: string;
  embedder: Embedder;
  logger: Logger;
  cache?: VectorCache;
  /** Folder for the quote analyses, so a restart does not analyse unchanged articles again. */
  quoteAnalysesDir?: string;
  /** Folder for the articles' evidence, so a restart reads what it would otherwise compute. */
  evidenceDir?: string;
}

/**
 * Holds the current index of a knowledge folder and replaces it whole on reload: the new index is
 * built beside the old one and swapped in only when complete, so readers never see a half-built index
 * and a broken file leaves the old one serving. A reload asked for while one runs gets one more
 * rebuild after it, shared by every request made meanwhile.
 */
export class Library {
  #current: ArticleIndex;
  #reloading: Promise<ReloadReport> | undefined;
  #reloadAgain: Promise<ReloadReport> | undefined;
  /** The analyses the file on disk holds now, so it is written only when they change. */
  #savedAnalyses: ReadonlyMap<string, unknown>;
  /** That file as this process last read or wrote it (see savedAnalysesStamp), so it is read only when changed. */
  #analysesStamp: string | undefined;
  /** The article versions whose evidence the file on disk holds now, likewise. */
  #savedEvidence: ReadonlySet<string>;
  /** The evidence being written, so that two writes never race. */
  #savingEvidence: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: LibraryOptions,
    initial: ArticleIndex,
    saved: { analyses: ReadonlyMap<string, unknown>; stamp?: string; evidence: ReadonlySet<string> },
  ) {
    this.#current = initial;
    this.#savedAnalyses = saved.analyses;
    this.#analysesStamp = saved.stamp;
    this.#savedEvidence = saved.evidence;
  }

  /**
   * Loads and indexes the folder, logging what it skipped; throws KnowledgeError if any file is broken.
   * Articles whose bytes match the saved evidence are taken from it rather than parsed and indexed again.
   */
  static async open(options: LibraryOptions): Promise<Library> {
    const saved = await Library.#loadEvidence(options);
    const evidence = saved?.evidence ?? [];
    const { articles, skipped } = await loadKnowledgeFolder(
      options.knowledgeDir,
      evidence.map((e) => e.article),
    );
    logSkipped(options.logger, skipped);
    const { analyses: quoteAnalyses, stamp } = await Library.#loadAnalyses(options, articles);
    const reuse: Reusable = { evidence, quoteAnalyses, ...(saved && { termVectors: saved.termVectors }) };
    const { index, cacheWriteError } = await buildKnowledgeIndex(articles, options.embedder, {
      cache: options.cache,
      reuse,
    });
    logCacheWriteError(options.logger, cacheWriteError);
    const library = new Library(options, index, {
      analyses: quoteAnalyses,
      ...(stamp === undefined ? {} : { stamp }),
      evidence: savedVersions(evidence),
    });
    await library.#saveAnalyses();
    await library.saveEvidence();
    return library;
  }

  /**
   * Loads what a reload of new or edited articles needs and a start-up from saved evidence and analyses
   * skipped (the quote tagger: 0.7 s and ~45 MB; the parse libraries, ~0.2 s), so that a moderator's first
   * /reload does not wait for them.
   */
  async prepareForReloads(): Promise<void> {
    loadArticleParsers();
    await loadTagger();
  }

  /** The current index's version: a hash of its articles' slugs and contents (see indexVersion). */
  get version(): string {
    return indexVersion(this.#current.articles);
  }

  /** The index to answer from now. Take it once per request so one request sees one index. */
  get current(): KnowledgeIndex {
    return this.#current;
  }

  /**
   * Rebuilds from the folder and swaps the result in. On failure (KnowledgeError naming the files) the
   * current index stays. A reload asked for while one runs may follow an edit that the running one read
   * too early, so it is not joined to it: exactly one more rebuild starts when it ends, and every request
   * made meanwhile gets that one's report, which has seen the files as they were when it was asked for.
   * The quote analyses are then saved and the evidence file rewritten in the background, unless `caches`
   * says otherwise:
   * - `'saved elsewhere'`: another process sharing the cache folder has built this change and saved both
   *   (the shard where a moderator ran /reload), so this one writes neither again;
   * - `'evidence when asked'`: the analyses are saved (the other shards read them from the file), the
   *   evidence when the caller calls saveEvidence() (the shard that announces a change, once the others
   *   have it: writing ~50 MB meanwhile takes a core from their reloads).
   * A request that joins a queued rebuild shares that rebuild's setting.
   */
  reload({ caches = 'save' }: { caches?: CacheSaving } = {}): Promise<ReloadReport> {
    if (!this.#reloading) {
      this.#reloading = this.#rebuild(caches).finally(() => {
        this.#reloading = undefined;
      });
      return this.#reloading;
    }
    this.#reloadAgain ??= this.#reloading
      .catch(() => undefined)
      .then(() => {
        this.#reloadAgain = undefined;
        return this.reload({ caches });
      });
    return this.#reloadAgain;
  }

  async #rebuild(caches: CacheSaving): Promise<ReloadReport> {
    const started = performance.now();
    const previous = this.#current;
    const { articles, skipped } = await loadKnowledgeFolder(this.options.knowledgeDir, previous.articles);
    logSkipped(this.options.logger, skipped);
    const { index, embeddedTexts, cacheWriteError } = await buildKnowledgeIndex(
      articles,
      this.options.embedder,
      {
        cache: this.options.cache,
        reuse: await this.#withSavedAnalyses(previous.reusable, articles),
      },
    );
    this.#current = index;
    logCacheWriteError(this.options.logger, cacheWriteError);
    if (caches === 'saved elsewhere') {
      // Written by another process, the files hold the same articles: several shards writing them at once
      // only took cores from their reloads (after an article was removed, each wrote 5 MB of analyses).
      this.#savedAnalyses = index.quoteIndex.analyses;
      this.#savedEvidence = savedVersions(index.reusable.evidence);
    } else {
      await this.#saveAnalyses();
      // Only the next start-up reads it, so the reload does not wait for it.
      if (caches === 'save') void this.saveEvidence();
    }

    const before = new Map(previous.articles.map((a) => [a.slug, a.contentHash]));
    const after = new Map(articles.map((a) => [a.slug, a.contentHash]));
    const report: ReloadReport = {
      added: [...after.keys()].filter((slug) => !before.has(slug)),
      removed: [...before.keys()].filter((slug) => !after.has(slug)),
      changed: [...after]
        .filter(([slug, hash]) => before.has(slug) && before.get(slug) !== hash)
        .map(([slug]) => slug),
      unchanged: [...after].filter(([slug, hash]) => before.get(slug) === hash).length,
      skipped,
      embeddedTexts,
      durationMs: Math.round(performance.now() - started),
      stats: index.stats,
    };
    this.options.logger.info({ reload: report, version: this.version }, 'knowledge index reloaded');
    return report;
  }

  /**
   * `reuse`, with the saved analyses of the articles it has none for added to its quote analyses, when the
   * file has any. Another process sharing the cache folder (the shard or machine where a moderator ran
   * /reload) analysed and saved them before telling this one to reload, so they are read, not redone: the
   * tagger runs once per change, not once per process. The vectors need no such step: the vector cache
   * reads its file whenever it meets a text it was not given.
   */
  async #withSavedAnalyses(reuse: Reusable, articles: readonly Article[]): Promise<Reusable> {
    const known = reuse.quoteAnalyses;
    const fresh = articles.filter((article) => !known.has(articleVersion(article)));
    const dir = this.options.quoteAnalysesDir;
    if (fresh.length === 0 || !dir) return reuse;
    // Unchanged since this process last read or wrote it: no other process has saved anything new.
    if ((await savedAnalysesStamp(dir)) === this.#analysesStamp) return reuse;
    // Only the new articles' analyses are checked and kept: the others are in this process already.
    const { analyses: saved, stamp } = await Library.#loadAnalyses(this.options, fresh);
    this.#analysesStamp = stamp;
    if (saved.size === 0) return reuse;
    const quoteAnalyses = new Map([...known, ...saved]);
    // The process that wrote the file had these articles' analyses: when the file holds every one (so the
    // index built from them is the same), #saveAnalyses leaves it alone instead of every process writing it.
    if (saved.size === fresh.length)
      this.#savedAnalyses = new Map(
        articles.map((a) => [articleVersion(a), quoteAnalyses.get(articleVersion(a))]),
      );
    return { ...reuse, quoteAnalyses };
  }

  /** The saved evidence; none when it cannot be read, so articles are simply indexed again. */
  static async #loadEvidence({
    evidenceDir,
    embedder,
    logger,
  }: LibraryOptions): Promise<SavedEvidence | undefined> {
    if (!evidenceDir) return undefined;
    try {
      return await loadEvidence(evidenceDir, { model: embedder.modelId, logger });
    } catch (err) {
      logger.warn({ err, dir: evidenceDir }, 'could not read the saved evidence; indexing again');
      return undefined;
    }
  }

  /**
   * Writes the current index's evidence when the file holds other articles, after any write under way.
   * A failure is logged, not thrown: the index is good, and the next start-up will only index again.
   */
  saveEvidence(): Promise<void> {
    this.#savingEvidence = this.#savingEvidence.then(async () => {
      const { evidenceDir, embedder, logger } = this.options;
      const index = this.#current;
      const { evidence, termVectors } = index.reusable;
      const versions = savedVersions(evidence);
      const saved = this.#savedEvidence;
      if (!evidenceDir || !termVectors) return;
      if (versions.size === saved.size && [...versions].every((v) => saved.has(v))) return;
      try {
        await saveEvidence(evidenceDir, { evidence: [...evidence], termVectors }, embedder.modelId);
        this.#savedEvidence = versions;
      } catch (err) {
        logger.warn({ err, dir: evidenceDir }, 'could not save the evidence; a restart will index again');
      }
    });
    return this.#savingEvidence;
  }

  /**
   * The saved quote analyses, with the file's stamp taken before reading it (a write after that changes the
   * stamp, so it is read next time); none when the folder cannot be read, so articles are simply analysed
   * again.
   */
  static async #loadAnalyses(
    { quoteAnalysesDir, logger }: LibraryOptions,
    articles: readonly Article[],
  ): Promise<{ analyses: Map<string, ArticleQuotes>; stamp?: string }> {
    if (!quoteAnalysesDir) return { analyses: new Map() };
    const stamp = await savedAnalysesStamp(quoteAnalysesDir);
    try {
      const analyses = await loadQuoteAnalyses(quoteAnalysesDir, { articles, logger });
      return { analyses, ...(stamp === undefined ? {} : { stamp }) };
    } catch (err) {
      logger.warn({ err, dir: quoteAnalysesDir }, 'could not read the saved quote analyses; analysing again');
      return { analyses: new Map() };
    }
  }

  /**
   * Writes the current index's quote analyses when they differ from the file's. A failure is logged, not
   * thrown: the index is good, and the next start-up will only analyse again what it cannot read.
   */
  async #saveAnalyses(): Promise<void> {
    const { quoteAnalysesDir, logger } = this.options;
    const analyses = this.#current.quoteIndex.analyses;
    const saved = this.#savedAnalyses;
    if (!quoteAnalysesDir) return;
    if (analyses.size === saved.size && [...analyses.keys()].every((key) => saved.has(key))) return;
    try {
      await saveQuoteAnalyses(quoteAnalysesDir, analyses);
      this.#savedAnalyses = analyses;
      this.#analysesStamp = await savedAnalysesStamp(quoteAnalysesDir);
    } catch (err) {
      logger.warn(
        { err, dir: quoteAnalysesDir },
        'could not save the quote analyses; a restart will redo them',
      );
    }
  }
}

/**
 * One warning listing the entries left out, so that a file no answer comes from (a link, a subfolder, a
 * `.md.bak`) shows in the log at every start and reload.
 */
function logSkipped(logger: Logger, skipped: readonly SkippedFile[]): void {
  if (skipped.length === 0) return;
  logger.warn({ skipped }, 'knowledge folder: entries skipped, not read as articles');
}

/** The index is good without its vectors on disk; a later start will only embed them again. */
function logCacheWriteError(logger: Logger, err: unknown): void {
  if (err !== undefined) logger.warn({ err }, 'could not save the vectors; a restart will embed them again');
}
