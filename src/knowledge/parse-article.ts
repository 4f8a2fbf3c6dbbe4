import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type matterModule from 'gray-matter';
import { sentenceSplitter, splitSentences } from './split-sentences.js';
import { z } from 'zod';
import { readPlainTextArticle } from './plain-text-article.js';
import type { Article, Paragraph } from './types.js';

// Loaded on the first parse, not at start-up (~0.1 s to import): a start-up that reads its articles from
// the saved evidence parses nothing.
const require = createRequire(import.meta.url);
let matter: typeof matterModule | undefined;
function frontMatter(): typeof matterModule {
  return (matter ??= require('gray-matter') as typeof matterModule);
}

/**
 * Loads the parse libraries now instead of on the first parse (~0.2 s): for a process that will parse
 * soon and should not make a moderator's /reload wait for them.
 */
export function loadArticleParsers(): void {
  frontMatter();
  sentenceSplitter();
}

/** Larger files are refused: news articles are a few kB, and a huge file is almost surely a mistake. */
export const MAX_ARTICLE_BYTES = 512 * 1024;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// YAML turns `2017-05-01` into a Date; keep dates as the plain text a reader would write.
const dateText = z.union([z.string().trim().min(1), z.date().transform((d) => d.toISOString().slice(0, 10))]);

/**
 * Only web addresses: a javascript: or data: link must never reach a reply. Characters no address may
 * hold unencoded (RFC 3986) are refused too, as written, since they are how a link is closed and
 * another opened (`https://example.com/a)[x](https://evil.example`); so are IPv6-literal hosts.
 */
const webAddress = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
  .regex(/^[^\s[\]<>"{}|\\^`]*$/, {
    error: 'must not contain spaces or [ ] < > " { } | \\ ^ ` (percent-encode them, e.g. %5B for [)',
  });

const frontMatterSchema = z
  .object({
    title: z.string().trim().min(1),
    source: z.string().trim().min(1),
    date: dateText,
    url: webAddress.optional(),
    slug: z.string().regex(SLUG, 'lowercase letters, digits and single hyphens').optional(),
  })
  .strict();

/** The problem with a file, in words for the person who edits it. */
export class ArticleFormatError extends Error {
  override name = 'ArticleFormatError';
}

/** Turns a file name into the slug used in citation ids: `Harbour Reopens.md` → `harbour-reopens`. */
export function slugFromFileName(fileName: string): string {
  return fileName
    .replace(/\.[^.]+$/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new ArticleFormatError('is not a text file (it contains NUL bytes)');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ArticleFormatError('is not valid UTF-8 text');
  }
}

function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return `unknown front matter key(s): ${issue.keys.join(', ')}`;
      return `front matter "${key}": ${issue.message}`;
    })
    .join('; ');
}

/** Splits a body into paragraphs (blank-line separated) and sentences; Markdown headings are not paragraphs. */
export function splitParagraphs(slug: string, body: string): Paragraph[] {
  const blocks = body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/\s*\n\s*/g, ' ').trim())
    .filter((block) => block.length > 0 && !/^#{1,6}\s/.test(block));
  return blocks.map((text, i) => {
    const number = i + 1;
    const id = `${slug}#${number}`;
    const sentences = splitSentences(text).map((s, j) => ({ id: `${id}.${j + 1}`, index: j + 1, text: s }));
    return { id, doc: slug, number, text, sentences };
  });
}

/**
 * The version of an article that something computed from it belongs to: same slug, same bytes. Caches of
 * per-article work (vectors aside, which are keyed by text) are keyed by it.
 */
export function articleVersion(article: Pick<Article, 'slug' | 'contentHash'>): string {
  return `${article.slug}:${article.contentHash}`;
}

/** Identifies a file's bytes: equal hashes, same article. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Parses one knowledge file. Markdown needs a front matter block (title, source, date, optional url and
 * slug); plain text may have one, and otherwise takes its title from a short first line.
 * Throws ArticleFormatError saying what is wrong.
 */
export function parseArticle(file: string, bytes: Uint8Array): Article {
  if (bytes.byteLength > MAX_ARTICLE_BYTES) {
    throw new ArticleFormatError(`is ${bytes.byteLength} bytes, over the ${MAX_ARTICLE_BYTES}-byte limit`);
  }
  const raw = decodeUtf8(bytes).replace(/^\uFEFF/, '');
  const isText = /\.txt$/i.test(file);
  const hasFrontMatter = /^---[ \t]*\r?\n/.test(raw);
  const fileSlug = slugFromFileName(file.split('/').pop() ?? file);

  let meta: z.infer<typeof frontMatterSchema>;
  let body: string;
  if (hasFrontMatter) {
    if (!/\r?\n---[ \t]*(\r?\n|$)/.test(raw.slice(3)))
      throw new ArticleFormatError('front matter is not closed by a "---" line');
    let parsed: matterModule.GrayMatterFile<string>;
    try {
      // An empty options object stops gray-matter from caching by content, which would hide a later fix.
      parsed = frontMatter()(raw, {});
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new ArticleFormatError(`front matter is not valid YAML (${reason})`);
    }
    const result = frontMatterSchema.safeParse(parsed.data);
    if (!result.success) throw new ArticleFormatError(describeZodIssues(result.error));
    meta = result.data;
    body = parsed.content;
  } else if (isText) {
    const found = readPlainTextArticle(raw);
    meta = { title: found.title ?? fileSlug, source: found.source ?? file, date: found.date ?? 'undated' };
    body = found.body;
  } else {
    throw new ArticleFormatError(
      'has no front matter: start the file with a "---" block giving title, source and date',
    );
  }

  const slug = meta.slug ?? fileSlug;
  if (!SLUG.test(slug))
    throw new ArticleFormatError(`gives no usable slug; add "slug: some-name" to its front matter`);
  const paragraphs = splitParagraphs(slug, body);
  if (paragraphs.length === 0)
    throw new ArticleFormatError('has an empty body: no paragraphs after the front matter');

  return {
    slug,
    title: meta.title,
    source: meta.source,
    ...(meta.date === 'undated' ? {} : { date: meta.date }),
    ...(meta.url ? { url: meta.url } : {}),
    file,
    contentHash: contentHash(bytes),
    paragraphs,
  };
}
