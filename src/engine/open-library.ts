import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Config } from '../config.js';
import { DEFAULT_MODEL_ID, ensureDefaultModel } from '../embedding/default-model.js';
import type { Embedder } from '../embedding/embedder.js';
import { createTransformersEmbedder } from '../embedding/transformers-embedder.js';
import { VectorCache } from '../embedding/vector-cache.js';
import type { Logger } from '../logger.js';
import { Library } from './library.js';

/**
 * The embedder the config asks for. The default model is built locally on first use (no network);
 * any other id is a transformers.js hub model, downloaded once into the cache folder.
 * Throws ConfigError naming MODEL_CACHE_DIR when the cache folder cannot be created or written.
 * A damaged default model is rebuilt, with a warning to `logger`.
 */
export async function openEmbedder(config: Config, logger?: Logger): Promise<Embedder> {
  await ensureWritableCacheFolder(config.MODEL_CACHE_DIR);
  const modelsDir = path.join(config.MODEL_CACHE_DIR, 'models');
  const isDefault = config.EMBEDDING_MODEL === DEFAULT_MODEL_ID;
  if (isDefault) {
    try {
      await ensureDefaultModel(modelsDir, {}, logger);
    } catch (err) {
      // The folder takes writes, but a part of it may not (a read-only or misplaced `models`).
      throw isWriteFailure(err) ? cacheFolderError(config.MODEL_CACHE_DIR, err) : err;
    }
  }
  return createTransformersEmbedder({ modelId: config.EMBEDDING_MODEL, modelsDir, allowRemote: !isDefault });
}

/**
 * Creates the cache folder if needed and proves it takes writes, so that an unusable MODEL_CACHE_DIR stops
 * start-up at once with the variable's name and the path, not later with a stack from the model builder.
 * A probe beats checking permissions: it also catches read-only mounts, full disks and a path under a file,
 * and it is right for root, whom permission bits do not stop.
 */
async function ensureWritableCacheFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await rmdir(await mkdtemp(path.join(dir, '.write-probe-')));
  } catch (err) {
    throw cacheFolderError(dir, err);
  }
}

const WRITE_FAILURES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EDQUOT']);

function isWriteFailure(err: unknown): boolean {
  return WRITE_FAILURES.has((err as NodeJS.ErrnoException).code ?? '');
}

function cacheFolderError(dir: string, err: unknown): ConfigError {
  const folder = path.resolve(dir);
  const { code, path: where } = err as NodeJS.ErrnoException;
  const at = where && path.resolve(where) !== folder ? ` at ${where}` : '';
  return new ConfigError(
    `MODEL_CACHE_DIR: cannot create or write the cache folder ${folder} (${code ?? String(err)}${at}).` +
      ' Point MODEL_CACHE_DIR at a folder this user can write, or make this one writable.',
  );
}

/** Everything a front end needs to answer: the embedder, the vector cache and the loaded knowledge. */
export async function openLibrary(config: Config, logger: Logger): Promise<Library> {
  const started = performance.now();
  const embedder = await openEmbedder(config, logger);
  // What is computed from the articles is kept per knowledge folder, so two folders never evict each other.
  const folder = path.resolve(config.KNOWLEDGE_DIR);
  const cache = await VectorCache.open(
    path.join(config.MODEL_CACHE_DIR, 'vectors'),
    config.EMBEDDING_MODEL,
    folder,
    logger,
  );
  const folderTag = createHash('sha256').update(folder).digest('hex').slice(0, 12);
  // With saved evidence nothing needs embedding at start-up, so load the model now: the first question
  // should not pay for it. Loading it while the articles are read lets the two wait on the disk together.
  const [, library] = await Promise.all([
    embedder.embed(['warm-up']),
    Library.open({
      knowledgeDir: config.KNOWLEDGE_DIR,
      embedder,
      logger,
      cache,
      quoteAnalysesDir: path.join(config.MODEL_CACHE_DIR, 'quote-analyses', folderTag),
      evidenceDir: path.join(config.MODEL_CACHE_DIR, 'evidence', folderTag),
    }),
  ]);
  logger.debug(
    { ...library.current.stats, ms: Math.round(performance.now() - started) },
    'knowledge index built',
  );
  return library;
}
