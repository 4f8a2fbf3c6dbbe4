import type { Article } from '../knowledge/types.js';
import { attributeQuotes, type ArticleAttribution } from './attribute-quotes.js';
import { analyseArticle, buildArticleRegistry, type RegistryEntity } from './people.js';
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

/**
 * The costly per-article part of the index (tagging, registry, attribution); depends on that article only.
 * Only the results are kept, not the tagged tokens they came from, so keeping it for reloads costs little.
 */
export interface ArticleQuotes {
  entities: ReadonlyMap<string, RegistryEntity>;
  attribution: ArticleAttribution;
}

function analysisKey(article: Article): string {
  return `${article.slug}:${article.contentHash}`;
}

/** Autocomplete never offers more than Discord shows. */
export const MAX_SUGGESTIONS = 25;
const NEAREST_NAMES = 5;
/** Name forms scored when suggesting near names; a common word can be shared by thousands of names. */
const MAX_NEAR_CANDIDATES = 200;
const MAX_NAME_CHARS = 80;
const TITLE_WORDS =
  /^(mr|mrs|ms|miss|mx|dr|prof|professor|president|senator|sen|rep|governor|gov|mayor|sir|dame|lord|lady|the)\s+/u;

/** Lower case, no accents, straight apostrophes, no dots or extra spaces: the form names are compared in. */
export function normaliseName(name: string): string {
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

/** Optimal string alignment distance, giving up once it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/** Every string made by deleting one character (SymSpell): two names a typo apart share one of these. */
/** First position in a sorted array whose element is not less than `value`. */
function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function deletions(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return out;
}

function typoAllowance(length: number): number {
  return length <= 4 ? 0 : length <= 8 ? 1 : 2;
}

interface Group {
  speaker: Speaker;
  quotes: QuoteHit[];
  keys: string[];
}

/**
 * Builds the quote index: reads each article once (quotes, registry, attribution) and merges speakers that
 * share a canonical name across articles. Aliases are resolved within each article, so two articles' "Mr Lee"
 * stay apart unless their full names agree. Places join the registry only if an article has them speak.
 */
export function buildQuoteIndex(
  articles: readonly Article[],
  reuse: ReadonlyMap<string, ArticleQuotes> = new Map(),
): QuoteIndex {
  const analyses = new Map<string, ArticleQuotes>();
  const quotes: IndexedQuote[] = [];
  const groups = new Map<
    string,
    { entities: RegistryEntity[]; spoke: Set<string>; quotes: QuoteHit[]; docs: Article[] }
  >();
  const canonicalOf = new Map<string, string>();

  for (const article of articles) {
    // An unchanged article (same slug, same bytes) is not analysed again: on reload that is most of them.
    const key = analysisKey(article);
    let analysis = reuse.get(key);
    if (!analysis) {
      const registry = buildArticleRegistry(article, analyseArticle(article));
      analysis = { entities: registry.entities, attribution: attributeQuotes(registry) };
    }
    analyses.set(key, analysis);
    const { entities, attribution } = analysis;
    for (const entity of entities.values()) {
      if (entity.kind === 'place' && !attribution.spoke.has(entity.key)) continue;
      const key = normaliseName(entity.canonical);
      const group = groups.get(key) ?? { entities: [], spoke: new Set<string>(), quotes: [], docs: [] };
      group.entities.push(entity);
      group.docs.push(article);
      for (const id of attribution.spoke.get(entity.key) ?? []) group.spoke.add(id);
      groups.set(key, group);
      canonicalOf.set(entity.key, key);
    }
    for (const attributed of attribution.quotes) {
      const paragraph = article.paragraphs[attributed.paragraphIndex];
      if (!paragraph) continue;
      const groupKey = attributed.speaker ? canonicalOf.get(attributed.speaker) : undefined;
      const group = groupKey ? groups.get(groupKey) : undefined;
      const hit: QuoteHit = {
        text: attributed.quote.text,
        id: paragraph.id,
        doc: article.slug,
        paragraph: paragraph.number,
        context: attributed.quote.context,
      };
      quotes.push({
        ...hit,
        speaker: group ? (group.entities[0]?.canonical ?? null) : null,
        sentenceIds: attributed.quote.sentenceIds,
      });
      group?.quotes.push(hit);
    }
  }

  const built: Group[] = [...groups.values()].map((group) => {
    const first = group.entities[0];
    const canonical = first?.canonical ?? '';
    const aliases = new Set<string>();
    const mentions = new Set<string>();
    const mentionedIn = new Set<string>();
    group.entities.forEach((entity, i) => {
      for (const alias of entity.aliases) aliases.add(alias);
      // A person named in full is also found by surname, even if the article never used it alone.
      const names = entity.canonical.split(' ');
      if (entity.kind === 'person' && names.length >= 2) aliases.add(names[names.length - 1]!);
      const article = group.docs[i];
      const sentenceNumber = (id: string): number => Number(id.split('.').pop() ?? 0);
      const inOrder = [...entity.mentions].sort(
        (a, b) => a.paragraph - b.paragraph || sentenceNumber(a.sentenceId) - sentenceNumber(b.sentenceId),
      );
      for (const mention of inOrder) {
        mentions.add(mention.sentenceId);
        const paragraph = article?.paragraphs[mention.paragraph];
        if (paragraph) mentionedIn.add(paragraph.id);
      }
    });
    const speaker: Speaker = {
      canonical,
      kind: group.entities.some((e) => e.kind === 'person') ? 'person' : 'organisation',
      aliases: [...aliases],
      role: group.entities.find((e) => e.role)?.role ?? null,
      mentions: [...mentions],
      mentionedIn: [...mentionedIn],
      spoke: [...group.spoke],
      quoteCount: group.quotes.length,
    };
    const keys = [...new Set([canonical, ...aliases].map(normaliseName))];
    return { speaker, quotes: group.quotes, keys };
  });

  // Each name form points at every speaker who bears it; the canonical form wins outright.
  const byCanonical = new Map<string, Group>();
  const byAlias = new Map<string, Group[]>();
  for (const group of built) {
    byCanonical.set(normaliseName(group.speaker.canonical), group);
    for (const key of group.keys) byAlias.set(key, [...(byAlias.get(key) ?? []), group]);
  }
  const rank = (a: Group, b: Group): number =>
    b.speaker.quoteCount - a.speaker.quoteCount ||
    b.speaker.mentions.length - a.speaker.mentions.length ||
    a.speaker.canonical.localeCompare(b.speaker.canonical);
  for (const list of byAlias.values()) list.sort(rank);
  const allKeys = [...byAlias.keys()];
  // One-character deletions of every name form: a typo lookup reads candidates from here instead of scanning.
  const byDeletion = new Map<string, string[]>();
  for (const key of allKeys) {
    for (const variant of deletions(key)) byDeletion.set(variant, [...(byDeletion.get(variant) ?? []), key]);
  }

  const exact = (key: string): Group[] => {
    const canonical = byCanonical.get(key);
    if (canonical) return [canonical];
    return byAlias.get(key) ?? [];
  };

  // Every word of every name form, and its one-deletion variants: an unknown query's near names are
  // read from here (a word within one edit, or a word it begins), so the cost does not grow with the base.
  const byWord = new Map<string, Set<string>>();
  for (const key of allKeys) {
    for (const word of key.split(' ')) {
      if (word.length < 3) continue;
      for (const variant of [word, ...deletions(word)]) {
        const set = byWord.get(variant) ?? new Set<string>();
        set.add(key);
        byWord.set(variant, set);
      }
    }
  }
  const sortedWords = [...new Set(allKeys.flatMap((k) => k.split(' ')))].sort();
  const keysWithWordPrefix = (prefix: string): string[] => {
    const found: string[] = [];
    for (let i = lowerBound(sortedWords, prefix); i < sortedWords.length; i++) {
      const word = sortedWords[i]!;
      if (!word.startsWith(prefix) || found.length > 50) break;
      found.push(...(byWord.get(word) ?? []));
    }
    return found;
  };

  // Nearest names for an unknown query: whole-name and word-by-word similarity, prefixes first.
  const nearest = (key: string, count: number): Group[] => {
    const queryWords = key.split(' ').filter((w) => w.length >= 3);
    const candidates = new Set<string>();
    const add = (keys: Iterable<string>) => {
      for (const k of keys) if (candidates.size < MAX_NEAR_CANDIDATES) candidates.add(k);
    };
    // Words within one edit first, then words the query begins: the closest are kept when there are many.
    for (const word of queryWords)
      for (const variant of [word, ...deletions(word)]) add(byWord.get(variant) ?? []);
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
    for (const variant of [untitled, ...deletions(untitled)]) {
      if (byAlias.has(variant)) candidates.add(variant);
      for (const alias of byDeletion.get(variant) ?? []) candidates.add(alias);
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
      quotes: match.quotes.map((q) => ({ ...q })),
      mentioned: [...match.speaker.mentionedIn],
      suggestions: others.map((g) => g.speaker.canonical),
    };
  };

  // Autocomplete reads a sorted list of name forms by binary search: the canonical name (best), each of
  // its words, then every alias and alias word.
  const prefixEntries: { text: string; group: Group; score: number }[] = [];
  for (const group of built) {
    const canonical = normaliseName(group.speaker.canonical);
    prefixEntries.push({ text: canonical, group, score: 0 });
    for (const word of canonical.split(' ').slice(1)) prefixEntries.push({ text: word, group, score: 1 });
    for (const key of group.keys) {
      if (key === canonical) continue;
      prefixEntries.push({ text: key, group, score: 2 });
      for (const word of key.split(' ').slice(1)) prefixEntries.push({ text: word, group, score: 2 });
    }
  }
  prefixEntries.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const entryTexts = prefixEntries.map((e) => e.text);
  const mostQuoted = [...built].sort((a, b) => rank(a, b));

  const suggest = (prefix: string, limit = MAX_SUGGESTIONS): SpeakerSuggestion[] => {
    const size = Math.max(0, Math.min(MAX_SUGGESTIONS, Math.floor(limit)));
    const key = normaliseName(prefix);
    let groups: Group[];
    if (key.length === 0) {
      groups = mostQuoted;
    } else {
      const best = new Map<Group, number>();
      for (let i = lowerBound(entryTexts, key); i < prefixEntries.length; i++) {
        const entry = prefixEntries[i]!;
        if (!entry.text.startsWith(key)) break;
        best.set(entry.group, Math.min(best.get(entry.group) ?? 3, entry.score));
      }
      groups = [...best].sort((a, b) => a[1] - b[1] || rank(a[0], b[0])).map(([group]) => group);
    }
    return groups
      .slice(0, size)
      .map((group) => ({ name: group.speaker.canonical, quoteCount: group.speaker.quoteCount }));
  };

  return { people: built.map((g) => g.speaker), quotes, lookup, suggest, analyses };
}
