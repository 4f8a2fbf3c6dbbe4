import v8 from 'node:v8';
import { articleVersion } from '../knowledge/parse-article.js';
import { analyseOnWorkers, MIN_ARTICLES_FOR_WORKERS } from './analysis-pool.js';
import type { Article } from '../knowledge/types.js';
import { analyseArticleQuotes, type ArticleQuotes, type ArticleSpeaker } from './article-quotes.js';
import { DeletionIndex, deletions, editDistance, lowerBound } from './near-strings.js';
import { loadTagger } from './tagger.js';
import type { QuoteHit, QuoteResult, SpeakerSuggestion } from './types.js';

/** A person or organisation across all articles: the registry entry `/quote` and `/ask` read. */
export interface Speaker {
  /** The fullest name the articles use. */
  canonical: string;
  kind: 'person' | 'organisation';
  /** Every form that finds this speaker: full name, surname, title + surname, name as written. */
  aliases: readonly string[];
  /** The role or apposition an article gives, if any. */
  role: string | null;
  /** Sentence ids where the speaker is named. */
  mentions: readonly string[];
  /** Paragraph ids (citation ids) where the speaker is named. */
  mentionedIn: readonly string[];
  /** Sentence ids where the speaker is the one talking, in quotes or reported ("X said that …"). */
  spoke: readonly string[];
  quoteCount: number;
}

/** A quote in the index: its citation and its speaker's canonical name, or null when unattributed. */
export interface IndexedQuote extends QuoteHit {
  speaker: string | null;
  sentenceIds: readonly string[];
}

/** Quotes and speakers of a set of articles; every answer is a read of structures built once. */
export interface QuoteIndex {
  readonly people: readonly Speaker[];
  /** All quotes in article order, attributed or not. */
  readonly quotes: readonly IndexedQuote[];
  /** Everything a name said: case-insensitive, by any alias, forgiving a typo. Never throws. */
  lookup(name: string): QuoteResult;
  /** Speakers whose names best match a prefix, at most `limit` (≤ 25); an empty prefix lists the most quoted. */
  suggest(prefix: string, limit?: number): SpeakerSuggestion[];
  /** Each article's analysis, keyed by slug and content hash, for the next build to reuse. */
  readonly analyses: ReadonlyMap<string, ArticleQuotes>;
}

export type { ArticleQuotes } from './article-quotes.js';

/** Autocomplete never offers more than Discord shows. */
export const MAX_SUGGESTIONS = 25;
const NEAREST_NAMES = 5;
/**
 * Prefixes this short have their suggestions worked out once, with the list of name forms: a first letter
 * begins thousands of name forms at 10,000 articles (17 ms to gather and sort each time), and every
 * member's typing starts with one. Three letters narrow it to a few hundred at most.
 */
const SHORT_PREFIX = 2;
/** Name forms scored when suggesting near names; a common word can be shared by thousands of names. */
const MAX_NEAR_CANDIDATES = 200;
const MAX_NAME_CHARS = 80;
const TITLE_WORDS =
  /^(mr|mrs|ms|miss|mx|dr|prof|professor|president|senator|sen|rep|governor|gov|mayor|sir|dame|lord|lady|the)\s+/u;

/** A name already in compared form but for case: most are, and a reload normalises tens of thousands. */
const PLAIN_NAME = /^[A-Za-z0-9-]+(?: [A-Za-z0-9-]+)*$/u;

/** Lower case, no accents, straight apostrophes, no dots or extra spaces: the form names are compared in. */
export function normaliseName(name: string): string {
  if (PLAIN_NAME.test(name)) return name.toLowerCase();
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/gu, "'")
    .replace(/'s$/u, '')
    .replace(/[.,"“”]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

function typoAllowance(length: number): number {
  return length <= 4 ? 0 : length <= 8 ? 1 : 2;
}

interface Group {
  speaker: Speaker;
  quotes: IndexedQuote[];
  /** Distinct normalised name forms: the canonical name, then every alias. */
  keys: string[];
  /** Place among all speakers, most quoted first; set once all are merged. */
  standing: number;
}

/** One article's speaker while groups are merged, with the article it came from. */
interface Part {
  speaker: ArticleSpeaker;
  article: Article;
}

function mergeParts(key: string, parts: readonly Part[], quotes: IndexedQuote[]): Group {
  const first = parts[0]!;
  const kind = parts.some((p) => p.speaker.kind === 'person') ? 'person' : 'organisation';
  const role = parts.find((p) => p.speaker.role)?.speaker.role ?? null;
  const paragraphIds = ({ speaker, article }: Part): string[] => {
    const ids: string[] = [];
    for (const p of speaker.paragraphs) {
      const paragraph = article.paragraphs[p];
      if (paragraph) ids.push(paragraph.id);
    }
    return ids;
  };
  // Most names come from one article: its lists are used as they are, not copied.
  const union = (list: (s: ArticleSpeaker) => readonly string[]): readonly string[] =>
    parts.length === 1 ? list(first.speaker) : [...new Set(parts.flatMap((p) => list(p.speaker)))];
  const speaker: Speaker = {
    canonical: first.speaker.canonical,
    kind,
    aliases: union((s) => s.aliases),
    role,
    mentions: union((s) => s.mentions),
    mentionedIn: parts.length === 1 ? paragraphIds(first) : [...new Set(parts.flatMap(paragraphIds))],
    spoke: union((s) => s.spoke),
    quoteCount: quotes.length,
  };
  const keys = [...new Set([key, ...speaker.aliases.map(normaliseName)])];
  return { speaker, quotes, keys, standing: 0 };
}

/** The fields of a quote `/quote` answers with, in a fresh object the caller may keep. */
function quoteHit(q: IndexedQuote): QuoteHit {
  return { text: q.text, id: q.id, doc: q.doc, paragraph: q.paragraph, context: q.context };
}

// Reading articles for quotes (compromise tagging) makes garbage fast. By default V8 lets the heap grow to
// about three times what is live before a full collection, so a first start on 1,000 articles peaked at
// 750 MB for 180 MB live; growing 30 % at a time peaks at about 430 MB and cost no measurable time there.
// A start from saved analyses keeps V8's default: collecting that often cost it ~0.2 s of 3.4.
const HEAP_GROWING_PERCENT = 30;

/** Sets V8's heap growth (process-wide, so it holds for the quote-reading workers too) from now on. */
function growHeapSlowly(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Builds the quote index: reads each article once (quotes, registry, attribution) and merges speakers that
 * share a canonical name across articles. Aliases are resolved within each article, so two articles' "Mr Lee"
 * stay apart unless their full names agree. An analysis in `reuse` (keyed `slug:contentHash`) stands in for
 * reading its article; compromise is imported only if some article has none.
 */
export async function buildQuoteIndex(
  articles: readonly Article[],
  reuse: ReadonlyMap<string, ArticleQuotes> = new Map(),
): Promise<QuoteIndex> {
  // The tagger is loaded only when some article must be read here: a start with every analysis cached
  // skips it, and so does one with enough articles to read that worker threads share them.
  const unread = articles.filter((article) => !reuse.has(articleVersion(article)));
  if (unread.length > 0) growHeapSlowly();
  const fromWorkers = new Map<string, ArticleQuotes>();
  if (unread.length >= MIN_ARTICLES_FOR_WORKERS) {
    const read = await analyseOnWorkers(unread);
    unread.forEach((article, i) => fromWorkers.set(articleVersion(article), read[i]!));
  } else if (unread.length > 0) await loadTagger();
  const analyses = new Map<string, ArticleQuotes>();
  const quotes: IndexedQuote[] = [];
  const merging = new Map<string, { parts: Part[]; quotes: IndexedQuote[] }>();

  for (const article of articles) {
    // An unchanged article (same slug, same bytes) is not analysed again: on reload that is most of them.
    const key = articleVersion(article);
    let analysis = reuse.get(key) ?? fromWorkers.get(key);
    if (!analysis) {
      analysis = await analyseArticleQuotes(article);
      // Reading an article takes tens of milliseconds: yield after each, so a reload that brings many new
      // articles does not hold up the questions being answered meanwhile.
      await new Promise(setImmediate);
    }
    analyses.set(key, analysis);
    const groupOf = analysis.speakers.map((speaker) => {
      const key = normaliseName(speaker.canonical);
      let group = merging.get(key);
      if (!group) merging.set(key, (group = { parts: [], quotes: [] }));
      group.parts.push({ speaker, article });
      return group;
    });
    for (const attributed of analysis.quotes) {
      const paragraph = article.paragraphs[attributed.paragraphIndex];
      if (!paragraph) continue;
      const group = attributed.speaker === null ? undefined : groupOf[attributed.speaker];
      const quote: IndexedQuote = {
        text: attributed.text,
        id: paragraph.id,
        doc: article.slug,
        paragraph: paragraph.number,
        context: attributed.context,
        speaker: group ? group.parts[0]!.speaker.canonical : null,
        sentenceIds: attributed.sentenceIds,
      };
      quotes.push(quote);
      group?.quotes.push(quote);
    }
  }

  const built: Group[] = [];
  for (const [key, { parts, quotes }] of merging) built.push(mergeParts(key, parts, quotes));
  const byStanding = (a: Group, b: Group): number =>
    b.speaker.quoteCount - a.speaker.quoteCount ||
    b.speaker.mentions.length - a.speaker.mentions.length ||
    a.speaker.canonical.localeCompare(b.speaker.canonical);
  // Every later sort compares places in this order: a subtraction instead of a string collation, and
  // speakers the order ties keep one place, so every sort orders as `byStanding` would.
  const mostQuoted = [...built].sort(byStanding);
  mostQuoted.forEach((group, i) => {
    const before = mostQuoted[i - 1];
    group.standing = before && byStanding(before, group) === 0 ? before.standing : i;
  });
  const rank = (a: Group, b: Group): number => a.standing - b.standing;

  // Each name form points at every speaker who bears it; the canonical form wins outright.
  const byCanonical = new Map<string, Group>();
  const byAlias = new Map<string, Group[]>();
  for (const group of built) {
    byCanonical.set(group.keys[0]!, group);
    for (const key of group.keys) {
      const list = byAlias.get(key);
      if (list) list.push(group);
      else byAlias.set(key, [group]);
    }
  }
  for (const list of byAlias.values()) if (list.length > 1) list.sort(rank);
  const allKeys = [...byAlias.keys()];

  const exact = (key: string): Group[] => {
    const canonical = byCanonical.get(key);
    if (canonical) return [canonical];
    return byAlias.get(key) ?? [];
  };

  // The indexes of typos and near names are built on the first lookup that needs them: a start-up, a
  // reload and an exact name need neither, and at 1,000 articles building them was about half of this
  // function's time (722-1,000 ms with them, 322-510 ms without, on a busy machine).
  const near = once(() => nearNameIndex(allKeys));

  // Nearest names for an unknown query: whole-name and word-by-word similarity, prefixes first.
  const nearest = (key: string, count: number): Group[] => {
    const { keysNearWord, keysWithWordPrefix } = near();
    const queryWords = key.split(' ').filter((w) => w.length >= 3);
    const candidates = new Set<string>();
    const add = (keys: Iterable<string>) => {
      for (const k of keys) if (candidates.size < MAX_NEAR_CANDIDATES) candidates.add(k);
    };
    // Words within one edit first, then words the query begins: the closest are kept when there are many.
    for (const word of queryWords)
      for (const variant of [word, ...deletions(word)]) add(keysNearWord(variant));
    for (const word of queryWords) add(keysWithWordPrefix(word));
    const scored = new Map<Group, number>();
    for (const alias of candidates) {
      const aliasWords = alias.split(' ');
      let score =
        alias.startsWith(key) || aliasWords.some((w) => w.startsWith(key))
          ? 0
          : editDistance(key, alias, 4) / Math.max(key.length, alias.length);
      // Capped distances keep this scan cheap; anything further off than the cap is simply not near.
      for (const q of queryWords) {
        for (const w of aliasWords) {
          if (w.length >= 3)
            score = Math.min(score, 0.1 + editDistance(q, w, 2) / Math.max(q.length, w.length));
        }
      }
      for (const group of byAlias.get(alias) ?? [])
        scored.set(group, Math.min(scored.get(group) ?? 1, score));
    }
    return [...scored.entries()]
      .sort((a, b) => a[1] - b[1] || rank(a[0], b[0]))
      .slice(0, count)
      .map(([group]) => group);
  };

  const resolve = (query: string): { match: Group | null; others: Group[] } => {
    const key = normaliseName(query);
    if (key.length === 0) return { match: null, others: [] };
    const untitled = key.replace(TITLE_WORDS, '');
    for (const candidate of [key, untitled]) {
      const found = exact(candidate);
      if (found.length > 0) return { match: found[0] ?? null, others: found.slice(1) };
    }
    // A typo: the one name form within reach, if only one speaker is that close.
    // No name is this long: a long query gets exact matching only, so its cost stays bounded.
    const allowance = untitled.length > MAX_NAME_CHARS ? 0 : typoAllowance(untitled.length);
    if (allowance === 0) return { match: null, others: [] };
    let best = allowance + 1;
    let hits: Group[] = [];
    const candidates = new Set<string>();
    const { byDeletion } = near();
    for (const variant of [untitled, ...deletions(untitled)]) {
      if (byAlias.has(variant)) candidates.add(variant);
      for (const k of byDeletion.find(variant)) candidates.add(allKeys[k]!);
    }
    for (const alias of candidates) {
      const distance = editDistance(untitled, alias, allowance);
      if (distance > allowance || distance > best) continue;
      const groupsHere = byAlias.get(alias) ?? [];
      if (distance < best) {
        best = distance;
        hits = [...groupsHere];
      } else hits.push(...groupsHere.filter((g) => !hits.includes(g)));
    }
    return hits.length === 1 ? { match: hits[0] ?? null, others: [] } : { match: null, others: hits };
  };

  const lookup = (name: string): QuoteResult => {
    const { match, others } = resolve(name);
    if (!match) {
      const suggestions = [
        ...others,
        ...nearest(normaliseName(name).replace(TITLE_WORDS, '').slice(0, MAX_NAME_CHARS), NEAREST_NAMES),
      ];
      return {
        query: name,
        speaker: null,
        quotes: [],
        mentioned: [],
        suggestions: [...new Set(suggestions.map((g) => g.speaker.canonical))].slice(0, NEAREST_NAMES),
      };
    }
    return {
      query: name,
      speaker: match.speaker.canonical,
      quotes: match.quotes.map(quoteHit),
      mentioned: [...match.speaker.mentionedIn],
      suggestions: others.map((g) => g.speaker.canonical),
    };
  };

  // Autocomplete's list of name forms is built when the first prefix is typed, as the near names are.
  const completions = once(() => completionIndex(built, rank));

  const suggest = (prefix: string, limit = MAX_SUGGESTIONS): SpeakerSuggestion[] => {
    const size = Math.max(0, Math.min(MAX_SUGGESTIONS, Math.floor(limit)));
    const key = normaliseName(prefix).replace(TITLE_WORDS, '');
    let groups: Group[];
    if (key.length === 0) {
      groups = mostQuoted;
    } else {
      const { entryTexts, entryLists, shortPrefixes } = completions();
      groups =
        key.length <= SHORT_PREFIX
          ? (shortPrefixes.get(key) ?? [])
          : bestFirst(entryTexts, entryLists, lowerBound(entryTexts, key), key, rank);
    }
    return groups
      .slice(0, size)
      .map((group) => ({ name: group.speaker.canonical, quoteCount: group.speaker.quoteCount }));
  };

  return { people: built.map((g) => g.speaker), quotes, lookup, suggest, analyses };
}

/** `build` run on the first call, its result kept for the next ones. */
function once<T>(build: () => T): () => T {
  let value: { built: T } | undefined;
  return () => (value ??= { built: build() }).built;
}

/** What typo lookups and near names read, over every normalised name form (`allKeys`). */
interface NearNameIndex {
  /** One-character deletions of every name form: a typo lookup reads candidates from here instead of scanning. */
  byDeletion: DeletionIndex;
  /** Name forms with a word equal to `text` or one deletion from it, in name-form order. */
  keysNearWord: (text: string) => string[];
  /** Name forms with a word beginning with `prefix` (stops after about 50 words). */
  keysWithWordPrefix: (prefix: string) => string[];
}

function nearNameIndex(allKeys: readonly string[]): NearNameIndex {
  const byDeletion = new DeletionIndex(allKeys, { includeSelf: false });
  // Every word of every name form, found by itself or a one-character deletion: an unknown query's near
  // names are read from here (a word within one edit, or a word it begins), so the cost does not grow with
  // the base.
  const wordNumber = new Map<string, number>();
  const keysOfWord: number[][] = [];
  allKeys.forEach((key, k) => {
    for (const word of key.split(' ')) {
      if (word.length < 3) continue;
      let w = wordNumber.get(word);
      if (w === undefined) {
        w = keysOfWord.length;
        wordNumber.set(word, w);
        keysOfWord.push([]);
      }
      const list = keysOfWord[w]!;
      if (list[list.length - 1] !== k) list.push(k);
    }
  });
  const words = new DeletionIndex([...wordNumber.keys()], { includeSelf: true });
  const keysNearWord = (text: string): string[] => {
    const found = words.find(text);
    if (found.length === 0) return [];
    const numbers =
      found.length === 1
        ? keysOfWord[found[0]!]!
        : found.flatMap((w) => keysOfWord[w]!).sort((a, b) => a - b);
    const out: string[] = [];
    let last = -1;
    for (const k of numbers) if (k !== last) out.push(allKeys[(last = k)]!);
    return out;
  };
  const sortedWords = [...new Set(allKeys.flatMap((k) => k.split(' ')))].sort();
  const keysWithWordPrefix = (prefix: string): string[] => {
    const found: string[] = [];
    for (let i = lowerBound(sortedWords, prefix); i < sortedWords.length; i++) {
      const word = sortedWords[i]!;
      if (!word.startsWith(prefix) || found.length > 50) break;
      found.push(...keysNearWord(word));
    }
    return found;
  };
  return { byDeletion, keysNearWord, keysWithWordPrefix };
}

/**
 * Autocomplete's sorted list of name forms, read by binary search: the canonical name (best), each of its
 * words, then every alias (without its title) and alias word. A form many speakers share (a first name)
 * is stored once.
 */
function completionIndex(
  groups: readonly Group[],
  rank: (a: Group, b: Group) => number,
): {
  entryTexts: string[];
  entryLists: { group: Group; score: number }[][];
  /** The best speakers for every prefix up to SHORT_PREFIX characters, best first. */
  shortPrefixes: Map<string, Group[]>;
} {
  const entriesOf = new Map<string, { group: Group; score: number }[]>();
  const addEntry = (text: string, group: Group, score: number): void => {
    const list = entriesOf.get(text);
    if (list) list.push({ group, score });
    else entriesOf.set(text, [{ group, score }]);
  };
  for (const group of groups) {
    const canonical = group.keys[0]!;
    addEntry(canonical, group, 0);
    for (const word of canonical.split(' ').slice(1)) addEntry(word, group, 1);
    for (const key of group.keys) {
      // "Mr Lee" is entered as "lee": a title begins thousands of aliases, so a typed "m" would otherwise
      // scan them all. A typed title is dropped the same way in `suggest`.
      const untitled = key.replace(TITLE_WORDS, '');
      if (untitled === canonical || untitled === '') continue;
      addEntry(untitled, group, 2);
      for (const word of untitled.split(' ').slice(1)) addEntry(word, group, 2);
    }
  }
  // The default sort compares code units, as `startsWith` does.
  const entryTexts = [...entriesOf.keys()].sort();
  const entryLists = entryTexts.map((text) => entriesOf.get(text)!);
  const shortPrefixes = new Map<string, Group[]>();
  for (let length = 1; length <= SHORT_PREFIX; length++) {
    for (let i = 0; i < entryTexts.length;) {
      // A name form shorter than the prefix ("a" among the two-letter prefixes) is only its own.
      if (entryTexts[i]!.length < length) {
        i++;
        continue;
      }
      const prefix = entryTexts[i]!.slice(0, length);
      shortPrefixes.set(prefix, bestFirst(entryTexts, entryLists, i, prefix, rank).slice(0, MAX_SUGGESTIONS));
      // Entries sharing the prefix are consecutive: go on from the first that does not.
      while (i < entryTexts.length && entryTexts[i]!.startsWith(prefix)) i++;
    }
  }
  return { entryTexts, entryLists, shortPrefixes };
}

/**
 * Every speaker bearing a name form that starts with `prefix`, from entry `from` on (the first such in
 * sorted order), best first: a full name before a later word of it before an alias, then most quoted.
 */
function bestFirst(
  entryTexts: readonly string[],
  entryLists: readonly (readonly { group: Group; score: number }[])[],
  from: number,
  prefix: string,
  rank: (a: Group, b: Group) => number,
): Group[] {
  const best = new Map<Group, number>();
  for (let i = from; i < entryTexts.length && entryTexts[i]!.startsWith(prefix); i++) {
    for (const { group, score } of entryLists[i]!) best.set(group, Math.min(best.get(group) ?? 3, score));
  }
  return [...best].sort((a, b) => a[1] - b[1] || rank(a[0], b[0])).map(([group]) => group);
}
