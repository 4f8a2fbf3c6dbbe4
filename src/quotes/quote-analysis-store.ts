import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ArticleQuotes } from './article-quotes.js';

const FILE_NAME = 'quote-analyses.json';
/** Bumped when the file's layout changes; the code fingerprint covers everything else. */
const FORMAT = 1;
/** The code an analysis depends on: the quote analysis itself and the loader that makes its articles. */
const SOURCE_DIRS = [new URL('./', import.meta.url), new URL('../knowledge/', import.meta.url)];

const articleQuotesSchema = z.object({
  speakers: z.array(
    z.object({
      canonical: z.string(),
      kind: z.enum(['person', 'organisation', 'place']),
      aliases: z.array(z.string()),
      role: z.string().nullable(),
      mentions: z.array(z.string()),
      paragraphs: z.array(z.number().int().nonnegative()),
      spoke: z.array(z.string()),
    }),
  ),
  quotes: z.array(
    z.object({
      paragraphIndex: z.number().int().nonnegative(),
      speaker: z.number().int().nonnegative().nullable(),
      text: z.string(),
      context: z.string(),
      sentenceIds: z.array(z.string()),
    }),
  ),
});

const storeSchema = z.object({
  version: z.string(),
  analyses: z.array(z.tuple([z.string(), articleQuotesSchema])),
});

/** Version of an installed package, read from its package.json (importing it would defeat lazy loading). */
async function installedVersion(name: string): Promise<string> {
  let dir: string;
  try {
    dir = path.dirname(fileURLToPath(import.meta.resolve(name)));
  } catch {
    return 'unresolved';
  }
  for (;;) {
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name) return manifest.version ?? 'unknown';
    } catch {
      // No package.json at this level: keep climbing.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

/** The package a bare import specifier names: `zod`, `@scope/pkg`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

const BARE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'".][^'"]*)['"]/gu;

/**
 * A fingerprint of everything an analysis could depend on: the source files of the quote analysis and of
 * the article loader, the versions of the packages they import (compromise's dictionary and tagger above
 * all), and Node's Unicode version (names are matched with Unicode regular expressions). Any change, even
 * to a comment, makes every stored analysis stale: re-tagging is slow, but reusing a wrong one is worse.
 */
function codeFingerprint(): Promise<string> {
  // Taken once per process: what matters is the code this process runs, which is what it loaded first.
  fingerprint ??= computeFingerprint();
  return fingerprint;
}
let fingerprint: Promise<string> | undefined;

async function computeFingerprint(): Promise<string> {
  const hash = createHash('sha256').update(`format ${FORMAT}\0unicode ${process.versions.unicode}\0`);
  const packages = new Set<string>();
  for (const dir of SOURCE_DIRS) {
    const root = fileURLToPath(dir);
    const files = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort();
    for (const file of files) {
      const text = await readFile(path.join(root, file));
      hash
        .update(`${path.basename(root)}/${file}\0`)
        .update(text)
        .update('\0');
      for (const [, specifier] of text.toString('utf8').matchAll(BARE_IMPORT))
        if (specifier && !specifier.startsWith('node:')) packages.add(packageOf(specifier));
    }
  }
  for (const name of [...packages].sort()) hash.update(`${name}@${await installedVersion(name)}\0`);
  return hash.digest('hex');
}

/**
 * Analyses saved by `saveQuoteAnalyses`, keyed like `buildQuoteIndex`'s `reuse` (`slug:contentHash`).
 * A missing, unreadable-as-JSON, malformed or other-version file gives an empty map: the articles are then
 * simply analysed again. Other I/O errors (permissions, say) are thrown.
 */
export async function loadQuoteAnalyses(dir: string): Promise<Map<string, ArticleQuotes>> {
  let text: string;
  try {
    text = await readFile(path.join(dir, FILE_NAME), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return new Map();
  }
  // The version is checked before the whole file is validated: a stale file costs no more than reading it.
  const version = (data as { version?: unknown } | null)?.version;
  if (version !== (await codeFingerprint())) return new Map();
  const parsed = storeSchema.safeParse(data);
  return parsed.success ? new Map(parsed.data.analyses) : new Map();
}

/**
 * Writes exactly `analyses` (so those of deleted or changed articles go), stamped with the code fingerprint,
 * to `dir` (created if need be). The file is replaced atomically: a reader or a crash sees the old file or
 * the new one, never half of one.
 */
export async function saveQuoteAnalyses(
  dir: string,
  analyses: ReadonlyMap<string, ArticleQuotes>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const text = JSON.stringify({ version: await codeFingerprint(), analyses: [...analyses] });
  const target = path.join(dir, FILE_NAME);
  const temporary = `${target}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, target);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}
