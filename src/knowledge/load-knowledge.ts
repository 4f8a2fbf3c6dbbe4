import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeError, type KnowledgeProblem } from '../errors.js';
import { ArticleFormatError, contentHash, MAX_ARTICLE_BYTES, parseArticle } from './parse-article.js';
import type { Article } from './types.js';

const ARTICLE_FILE = /\.(md|markdown|txt)$/i;
const NOT_AN_ARTICLE = /^(readme|license|changelog)\./i;
const READ_BATCH = 64;

/**
 * Reads every article in `dir` (`.md`, `.markdown`, `.txt`; dotfiles and READMEs skipped), in file-name order.
 * All or nothing: if any file is broken, throws one KnowledgeError listing every problem, and returns
 * nothing, so a reload never swaps in half a knowledge base. A file whose bytes match an article of
 * `previous` gives that same article object, not a new parse: on reload that is most files.
 */
export async function loadKnowledge(dir: string, previous: readonly Article[] = []): Promise<Article[]> {
  const previousByFile = new Map(previous.map((a) => [a.file, a]));
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new KnowledgeError([{ file: dir, problem: `cannot read the knowledge folder (${code})` }]);
  }

  const files = entries.filter(
    (name) => ARTICLE_FILE.test(name) && !name.startsWith('.') && !NOT_AN_ARTICLE.test(name),
  );
  if (files.length === 0) {
    throw new KnowledgeError([{ file: dir, problem: 'holds no articles (.md or .txt files)' }]);
  }

  const problems: KnowledgeProblem[] = [];
  const read = async (name: string): Promise<Article | undefined> => {
    const fullPath = path.join(dir, name);
    try {
      const info = await stat(fullPath);
      if (!info.isFile()) return undefined;
      // Check the size before reading, so a stray multi-gigabyte file is never pulled into memory.
      if (info.size > MAX_ARTICLE_BYTES) {
        throw new ArticleFormatError(`is ${info.size} bytes, over the ${MAX_ARTICLE_BYTES}-byte limit`);
      }
      const bytes = await readFile(fullPath);
      const unchanged = previousByFile.get(name);
      return unchanged?.contentHash === contentHash(bytes) ? unchanged : parseArticle(name, bytes);
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
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const bySlug = new Map<string, string>();
  for (const article of articles) {
    const other = bySlug.get(article.slug);
    if (other)
      problems.push({ file: article.file, problem: `has the same slug "${article.slug}" as ${other}` });
    else bySlug.set(article.slug, article.file);
  }

  if (problems.length > 0) throw new KnowledgeError(problems);
  return articles;
}
