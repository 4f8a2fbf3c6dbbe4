import { constants, type BigIntStats, type Dirent, type Stats } from 'node:fs';
import { open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { ArticleFormatError, contentHash, MAX_ARTICLE_BYTES, parseArticle } from './parse-article.js';
import type { Article, KnowledgeFolder, SkippedFile } from './types.js';

const ARTICLE_FILE = /\.(md|markdown|txt)$/i;
const NOT_AN_ARTICLE = /^(readme|license|licence|changelog)\./i;
const READ_BATCH = 64;
// The listing said "regular file", but the entry can be swapped before it is opened. O_NOFOLLOW makes
// opening a swapped-in symlink fail instead of following it out of the folder; O_NONBLOCK makes opening a
// swapped-in FIFO return at once instead of waiting for a writer. The opened handle is then checked itself.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * What reading one article file gave: its bytes and stamp, its stamp alone when that is the one it was
 * asked about (the file was not read again), or the reason it is not an article after all.
 */
export type FileRead = { bytes: Buffer; stamp: string } | { unchanged: string } | { skip: string };

/**
 * Each article read from a file, with that file's stamp (device, inode, size, modification and change
 * times) when it was read. Any write, rename or replacement changes the change time, which no one can set
 * back, so a file with the same stamp holds the same bytes: a reload or a start-up from saved evidence
 * does not read or hash it again (about a second of a reload at 10,000 articles). Kept beside the articles
 * rather than in them: a stamp says nothing about the article, only about a file on this machine.
 */
const readStamps = new WeakMap<Article, string>();

/** The stamp of the file `article` was read from, if it was read from one by this process. */
export function fileStampOf(article: Article): string | undefined {
  return readStamps.get(article);
}

/** Takes `stamp` as the stamp of the file `article` was read from (an article from saved evidence). */
export function rememberFileStamp(article: Article, stamp: string): void {
  readStamps.set(article, stamp);
}

/**
 * Reads every article in `dir`, in file-name order. Only regular files directly in the folder with a
 * `.md`, `.markdown` or `.txt` name are read; everything else (subfolders, symbolic links wherever they
 * point, FIFOs, sockets, devices, other names, hidden files, READMEs) is left out and listed in `skipped`
 * with its reason. All or nothing: if any article is broken, throws one KnowledgeError listing every
 * problem, so a reload never swaps in half a knowledge base. A file whose bytes match an article of
 * `previous` gives that same article object, not a new parse: on reload that is most files. A file named
 * in `replacing` is left out (listed as skipped), so a broken file can be replaced by a good one.
 */
export async function loadKnowledgeFolder(
  dir: string,
  previous: readonly Article[] = [],
  replacing?: string,
): Promise<KnowledgeFolder> {
  const previousByFile = new Map(previous.map((a) => [a.file, a]));
  let folder: string;
  let entries: Dirent[];
  try {
    // Files are opened under the folder's real path, so "inside the folder" means inside the real folder
    // even when KNOWLEDGE_DIR is itself reached through a link.
    folder = await realpath(dir);
    entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => compare(a.name, b.name));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new KnowledgeError([{ file: dir, problem: `cannot read the knowledge folder (${code})` }]);
  }

  const skipped: SkippedFile[] = [];
  const files: string[] = [];
  for (const entry of entries) {
    const reason = entry.name === replacing ? 'is being replaced' : await skipReason(folder, entry);
    if (reason === undefined) files.push(entry.name);
    else skipped.push({ file: entry.name, reason });
  }

  const problems: KnowledgeProblem[] = [];
  const read = async (name: string): Promise<Article | undefined> => {
    try {
      const unchanged = previousByFile.get(name);
      const file = await readRegularFile(path.join(folder, name), unchanged && readStamps.get(unchanged));
      if ('skip' in file) {
        skipped.push({ file: name, reason: file.skip });
        return undefined;
      }
      if ('unchanged' in file) return unchanged;
      const article =
        unchanged?.contentHash === contentHash(file.bytes) ? unchanged : parseArticle(name, file.bytes);
      readStamps.set(article, file.stamp);
      return article;
    } catch (err) {
      if (err instanceof ArticleFormatError) problems.push({ file: name, problem: err.message });
      else
        problems.push({
          file: name,
          problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
        });
      return undefined;
    }
  };
  // Files are read a batch at a time: one by one, a thousand files spend most of their time waiting on
  // the disk in turn; all at once could run out of file descriptors.
  const articles: Article[] = [];
  for (let i = 0; i < files.length; i += READ_BATCH) {
    const batch = await Promise.all(files.slice(i, i + READ_BATCH).map(read));
    for (const article of batch) if (article) articles.push(article);
  }
  problems.sort((a, b) => compare(a.file, b.file));
  skipped.sort((a, b) => compare(a.file, b.file));

  if (articles.length === 0 && problems.length === 0) {
    throw new KnowledgeError([
      { file: dir, problem: 'holds no articles (.md or .txt files)' },
      ...skipped.map((s) => ({ file: s.file, problem: s.reason })),
    ]);
  }

  const bySlug = new Map<string, string>();
  for (const article of articles) {
    const other = bySlug.get(article.slug);
    if (other)
      problems.push({ file: article.file, problem: `has the same slug "${article.slug}" as ${other}` });
    else bySlug.set(article.slug, article.file);
  }

  if (problems.length > 0) throw new KnowledgeError(problems);
  return { articles, skipped };
}

/** The articles of `dir` alone, for callers that do not report skipped files; see loadKnowledgeFolder. */
export async function loadKnowledge(dir: string, previous: readonly Article[] = []): Promise<Article[]> {
  return (await loadKnowledgeFolder(dir, previous)).articles;
}

/** Why a folder entry is not read as an article, judged from its listing; undefined for a candidate. */
async function skipReason(folder: string, entry: Dirent): Promise<string | undefined> {
  if (entry.name.startsWith('.')) return HIDDEN;
  if (entry.isSymbolicLink()) return symlinkReason(folder, entry.name);
  if (entry.isDirectory()) return 'is a folder; subfolders are not read';
  if (!entry.isFile()) return `is ${kindOf(entry)}, not a regular file`;
  return articleNameProblem(entry.name);
}

const HIDDEN = 'is hidden (its name starts with a dot)';

/** Why a file of this name is not read as an article (hidden, another extension, a README), or undefined. */
export function articleNameProblem(name: string): string | undefined {
  if (name.startsWith('.')) return HIDDEN;
  if (!ARTICLE_FILE.test(name)) return 'does not end in .md, .markdown or .txt';
  if (NOT_AN_ARTICLE.test(name)) return 'is a README, licence or changelog, not an article';
  return undefined;
}

/**
 * Symbolic links are never followed, even to a file inside the folder: a link inside would load the
 * same article twice under two slugs, or reach into a subfolder, and refusing every link needs no check
 * that a later swap could slip past. The reason says where the link leads, judged on its real path.
 */
async function symlinkReason(folder: string, name: string): Promise<string> {
  let target: string;
  try {
    target = await realpath(path.join(folder, name));
  } catch {
    return 'is a symbolic link that leads nowhere (broken, or a loop); only regular files are read';
  }
  const relative = path.relative(folder, target);
  const outside = path.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${path.sep}`);
  return outside
    ? `is a symbolic link to ${target}, outside the knowledge folder; only regular files are read`
    : `is a symbolic link to ${relative || '.'}; only regular files are read, not links`;
}

/**
 * The bytes of `file` if it is a regular file, else why not; not its bytes when its stamp is `known` (see
 * readStamps). Opens without following a link or waiting on a FIFO and decides on the opened handle, so
 * what is read is what was checked, even if the entry was swapped since the folder was listed. Throws
 * ArticleFormatError for a file over the size limit.
 */
export async function readRegularFile(file: string, known?: string): Promise<FileRead> {
  let handle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ELOOP (EMLINK on BSD) is O_NOFOLLOW refusing a link; ENOENT a file deleted since the listing.
    if (code === 'ELOOP' || code === 'EMLINK')
      return { skip: 'became a symbolic link while it was read; only regular files are read' };
    if (code === 'ENOENT') return { skip: 'was removed while the folder was read' };
    throw err;
  }
  try {
    const info = await handle.stat({ bigint: true });
    if (!info.isFile()) return { skip: `is ${kindOf(info)}, not a regular file` };
    // Nanosecond times: two writes within one millisecond still differ.
    const stamp = `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
    if (stamp === known) return { unchanged: stamp };
    // Checked before reading, so a stray multi-gigabyte file is never pulled into memory.
    if (info.size > MAX_ARTICLE_BYTES) {
      throw new ArticleFormatError(`is ${info.size} bytes, over the ${MAX_ARTICLE_BYTES}-byte limit`);
    }
    return { bytes: await handle.readFile(), stamp };
  } finally {
    await handle.close();
  }
}

function kindOf(entry: Dirent | Stats | BigIntStats): string {
  if (entry.isDirectory()) return 'a folder';
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  return 'an entry of unknown kind';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
