import { randomUUID } from 'node:crypto';
import { lstat, open, realpath, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeError, UserError } from '../errors.js';
import { articleNameProblem, loadKnowledgeFolder } from './load-knowledge.js';
import { ArticleFormatError, parseArticle } from './parse-article.js';
import type { Article, KnowledgeFolder } from './types.js';

// NAME_MAX is 255 bytes on common file systems; the temporary name adds a dot, a UUID and ".tmp" (42 bytes).
const MAX_NAME_BYTES = 200;
// Control characters (newlines included) in a name would garble every message and log line that shows it.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;

/**
 * Why `fileName` cannot be an article file in the knowledge folder, or undefined when it can: it must be
 * a plain name (no folder, no control characters), and one the loader reads rather than skips.
 */
export function articleFileNameProblem(fileName: string): string | undefined {
  if (fileName.length === 0) return 'is an empty file name';
  if (CONTROL_CHARACTER.test(fileName)) return 'has control characters in its name';
  if (/[/\\]/.test(fileName)) return 'must be a plain file name, not a path (no / or \\)';
  if (Buffer.byteLength(fileName) > MAX_NAME_BYTES) return `has a name longer than ${MAX_NAME_BYTES} bytes`;
  // The loader's rules, with its own words, so the moderator reads what `cli check` would say. The dot rule
  // also refuses "." and "..".
  return articleNameProblem(fileName);
}

/**
 * Checks a would-be article file as the loader would read it: the name (see articleFileNameProblem),
 * then the bytes with the loader's own parser and size limit. Returns the parsed article; throws a
 * KnowledgeError ("name: problem", the loader's wording) when it would be skipped or refused.
 */
export function validateArticleFile(fileName: string, bytes: Uint8Array): Article {
  const nameProblem = articleFileNameProblem(fileName);
  // A name with control characters is shown quoted, so the message stays one readable line.
  const shown = CONTROL_CHARACTER.test(fileName) ? JSON.stringify(fileName) : fileName;
  if (nameProblem) throw new KnowledgeError([{ file: shown, problem: nameProblem }]);
  try {
    return parseArticle(fileName, bytes);
  } catch (err) {
    if (err instanceof ArticleFormatError)
      throw new KnowledgeError([{ file: fileName, problem: err.message }]);
    throw err;
  }
}

/** What addArticleFile did: the article as the loader will read it, and whether a file was overwritten. */
export interface AddedArticle {
  article: Article;
  replaced: boolean;
}

/**
 * Saves `bytes` as `fileName` in the knowledge folder `dir`, so the next load (a /reload) reads it.
 * Refused, with nothing written, when the file is invalid (validateArticleFile), when another file has
 * the same slug (the loader would refuse the whole folder), when the name is taken and `replace` is not
 * set, or when the folder already fails to load (its problems are listed). The write is atomic: a hidden
 * temporary file, flushed to disk, then renamed over the name; a reader sees the old file or the new one.
 */
export async function addArticleFile(
  dir: string,
  fileName: string,
  bytes: Uint8Array,
  options: { replace?: boolean } = {},
): Promise<AddedArticle> {
  const article = validateArticleFile(fileName, bytes);
  return oneAtATime(dir, async () => {
    const taken = await entryKind(path.join(dir, fileName));
    // The file being replaced is not read: it may be the broken file this upload fixes.
    const { folder, current } = await readFolder(
      dir,
      options.replace && taken === 'file' ? fileName : undefined,
    );
    if (taken === 'other') {
      const reason = current.skipped.find((s) => s.file === fileName)?.reason ?? 'is not a regular file';
      throw new KnowledgeError([
        { file: fileName, problem: `is already taken: the folder's entry ${reason}` },
      ]);
    }
    if (taken === 'file' && !options.replace) {
      throw new KnowledgeError([
        { file: fileName, problem: 'already exists; add it again with replace set to overwrite it' },
      ]);
    }
    // The file being replaced gives up its slug; any other holder of the slug would make the folder unloadable.
    const other = current.articles.find((a) => a.slug === article.slug && a.file !== fileName);
    if (other) {
      throw new KnowledgeError([
        {
          file: fileName,
          problem:
            `has the same slug "${article.slug}" as ${other.file}; to replace that article, use the name ` +
            `${other.file}, or give this one another slug (a "slug:" line in its front matter)`,
        },
      ]);
    }
    await writeFileAtomically(folder, fileName, bytes);
    return { article, replaced: taken === 'file' };
  });
}

/**
 * Writes `bytes` to `folder/fileName` atomically: a temporary file in the same folder (hidden, so the loader
 * skips it even if it is left behind by a crash), flushed to disk, renamed over the name, and the folder
 * flushed so the rename itself survives a power cut. The temporary file is removed if anything fails.
 */
export async function writeFileAtomically(
  folder: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<void> {
  const temp = path.join(folder, `.${fileName}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path.join(folder, fileName));
  } finally {
    // After a successful rename the temporary name no longer exists, and force makes this a no-op.
    await rm(temp, { force: true });
  }
  await syncFolder(folder);
}

/**
 * Deletes the file that holds the article `slug` from the knowledge folder `dir`, and names it. Refused
 * when no article has that slug, when it is the folder's only article (the loader refuses an empty
 * folder, so the bot could no longer start or reload), or when the folder already fails to load.
 */
export async function removeArticleFile(dir: string, slug: string): Promise<{ file: string }> {
  return oneAtATime(dir, async () => {
    const { folder, current } = await readFolder(dir);
    const article = current.articles.find((a) => a.slug === slug);
    if (!article) throw new UserError(`No article has the slug "${slug}".`);
    if (current.articles.length === 1) {
      throw new UserError(
        `${article.file} is the only article, and the knowledge folder must hold at least one: ` +
          'add another article before removing this one.',
      );
    }
    await unlink(path.join(folder, article.file));
    await syncFolder(folder);
    return { file: article.file };
  });
}

/**
 * The knowledge folder's real path (where the loader reads) and what it holds now. A folder with no
 * articles is read as empty, so the first article can be added to it; a folder with broken files is
 * refused with their problems, since what a change would leave cannot be checked against them; the file
 * named `replacing` is left out of the reading.
 */
async function readFolder(
  dir: string,
  replacing?: string,
): Promise<{ folder: string; current: KnowledgeFolder }> {
  try {
    const current = await loadKnowledgeFolder(dir, [], replacing);
    return { folder: await realpath(dir), current };
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    const [first, ...rest] = err.problems;
    // The loader reports an empty folder as its first problem, followed by the entries it skipped.
    if (first?.file === dir && first.problem.startsWith('holds no articles')) {
      const skipped = rest.map((p) => ({ file: p.file, reason: p.problem }));
      return { folder: await realpath(dir), current: { articles: [], skipped } };
    }
    if (first?.file === dir) throw err; // the folder itself cannot be read
    throw new KnowledgeError([
      { file: dir, problem: 'has broken files; nothing was changed. Fix or remove them first:' },
      ...err.problems,
    ]);
  }
}

/** What is at `file` now, without following a link: nothing, a regular file, or anything else. */
async function entryKind(file: string): Promise<'none' | 'file' | 'other'> {
  try {
    return (await lstat(file)).isFile() ? 'file' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw err;
  }
}

/** Flushes a folder's entries (a rename or unlink) to disk; where folders cannot be opened, does nothing. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Not every platform can fsync a folder (Windows cannot open one); the change is made either way.
  } finally {
    await handle?.close();
  }
}

// Changes to one folder run one after another: each checks the folder and then writes, and two moderators
// adding files with the same slug at once must not both pass the check. (Edits by other processes are not
// covered; the bot is the only writer the design expects.)
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(dir: string, job: () => Promise<T>): Promise<T> {
  const key = path.resolve(dir);
  const run = (queues.get(key) ?? Promise.resolve()).then(job);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}
