import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArticle, slugFromFileName } from '../knowledge/parse-article.js';
import type { Article } from '../knowledge/types.js';
import { normaliseName, type IndexedQuote, type QuoteIndex, type Speaker } from '../quotes/quote-index.js';
import {
  DETERMINERS,
  NAME_CONNECTORS,
  ORG_SUFFIXES,
  PREPOSITIONS,
  PRONOUNS,
  ROLE_NOUNS,
  TITLE_MODIFIERS,
  TITLES,
  words,
} from '../quotes/word-lists.js';

// PolNeAR (Newell, Margolin and Ruths, 2018) is read from a folder given on the command line: its texts are
// copyrighted, so nothing of it is kept in this repository.

/** A BRAT text-bound annotation: its type and character ranges in the text (several when discontinuous). */
export interface BratSpan {
  type: string;
  ranges: [number, number][];
}

/** A BRAT event linking spans into one attribution: its source, cue and content span ids. */
export interface BratAttribution {
  id: string;
  source: string | null;
  cue: string | null;
  /** `Content` and, for a content cut in two, `Content2`. */
  content: string[];
}

/**
 * Reads a BRAT standoff `.ann` file as PolNeAR writes it: `T` lines (spans typed Source, Cue, Content,
 * Attribution and others, `start end` ranges separated by `;`) and `E` lines linking them
 * (`Attribution:T4 Content:T3 Cue:T2 Source:T1`, or `Attribution-no-source:…`). Notes (`#`) and the
 * continuation lines of a span text that runs over several lines are skipped.
 */
export function parseBrat(ann: string): { spans: Map<string, BratSpan>; attributions: BratAttribution[] } {
  const spans = new Map<string, BratSpan>();
  const attributions: BratAttribution[] = [];
  for (const line of ann.split('\n')) {
    const [id = '', body = ''] = line.split('\t');
    if (/^T\d+$/u.test(id)) {
      const match = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/u.exec(body);
      if (!match) continue;
      const ranges = match[2]!.split(';').map((r): [number, number] => {
        const [start = 0, end = 0] = r.split(' ').map(Number);
        return [start, end];
      });
      spans.set(id, { type: match[1]!, ranges });
    } else if (/^E\d+$/u.test(id)) {
      const roles = new Map<string, string>();
      for (const part of body.split(' ')) {
        const [role, target] = part.split(':');
        if (role && target) roles.set(role, target);
      }
      if (![...roles.keys()].some((role) => role.startsWith('Attribution'))) continue;
      attributions.push({
        id,
        source: roles.get('Source') ?? null,
        cue: roles.get('Cue') ?? null,
        content: [...roles].filter(([role]) => role.startsWith('Content')).map(([, target]) => target),
      });
    }
  }
  return { spans, attributions };
}

/** Why an attributed direct quote is left out of the gold: its source names nobody the index could be asked for. */
export type LeftOutReason = 'no source' | 'pronoun' | 'description' | 'group' | 'several' | 'headline';

/** A gold direct quote: the article, the quotation-marked words, and who said them. */
export interface GoldQuote {
  doc: string;
  /** The quotation-marked words of the annotated content, parts joined by " … ". */
  text: string;
  /** Paragraph numbers the quote stands in. */
  paragraphs: number[];
  /** The speaker's full name: the longest name form annotated as a source for them in the article. */
  speaker: string;
  /** Every name form annotated for the speaker in the article. */
  forms: string[];
}

/** A direct quote whose source names nobody (a pronoun, "the aide", no source at all): counted apart. */
export interface UnnamedQuote {
  doc: string;
  text: string;
  paragraphs: number[];
  reason: LeftOutReason;
}

/** A PolNeAR split read for the quote index: the articles and the gold. */
export interface PolnearSplit {
  articles: Article[];
  gold: GoldQuote[];
  unnamed: UnnamedQuote[];
  /** The `.ann` file read for each article (the first in sort order when several annotators did it). */
  annotations: Map<string, string>;
  /** Attributions whose content is not a direct quote (reported speech, scare quotes, titles). */
  indirect: number;
}

/** One line of the article's text: where it starts and the paragraph it became (0 for the headline). */
interface Line {
  start: number;
  end: number;
  paragraph: number;
}

/** The article's lines with offsets; the first non-empty line is the headline, each later one a paragraph. */
function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let paragraph = -1;
  for (const raw of text.split('\n')) {
    const end = start + raw.length;
    if (raw.trim().length > 0) lines.push({ start, end, paragraph: ++paragraph });
    start = end + 1;
  }
  return lines;
}

/**
 * The article as a knowledge file: front matter (headline, publisher and date from the file name), then
 * each later line of the text as one paragraph, so paragraph n is the text's n-th line after the headline.
 */
export function toKnowledgeArticle(base: string, text: string): Article {
  const lines = linesOf(text).map((l) => text.slice(l.start, l.end).trim());
  const [publisher = 'PolNeAR', date = 'unknown'] = base.split('_');
  const yaml = (s: string) => JSON.stringify(s);
  // A line that reads as a Markdown heading would not count as a paragraph: an escape keeps the numbering.
  const body = lines.slice(1).map((l) => (/^#{1,6}\s/u.test(l) ? `\\${l}` : l));
  const markdown = [
    '---',
    `title: ${yaml(lines[0] ?? base)}`,
    `source: ${yaml(publisher)}`,
    `date: ${yaml(date)}`,
    '---',
    '',
    body.join('\n\n'),
    '',
  ].join('\n');
  const article = parseArticle(`${base}.md`, new TextEncoder().encode(markdown));
  if (article.paragraphs.length !== body.length)
    throw new Error(`${base}: ${body.length} lines became ${article.paragraphs.length} paragraphs`);
  return article;
}

/** Inner ranges of the double-quoted stretches of each line; a quote left open runs to the line's end. */
function quotedRanges(text: string, lines: readonly Line[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const line of lines) {
    let open = -1;
    for (let i = line.start; i < line.end; i++) {
      const ch = text[i];
      if (open < 0 && (ch === '“' || ch === '"')) open = i + 1;
      else if (open >= 0 && (ch === '”' || ch === '"')) {
        ranges.push([open, i]);
        open = -1;
      }
    }
    if (open >= 0) ranges.push([open, line.end]);
  }
  return ranges;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-case words, the unit overlap is counted in. */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []) as string[];
}

/** A direct quote has at least this many quotation-marked words… */
const MIN_QUOTED_WORDS = 2;
/** …and they are at least this share of the content's words (a title or a scare-quoted word in reported
 * speech is not a quote). */
const MIN_QUOTED_SHARE = 0.5;

/** The quotation-marked parts of a content span, or null when it is not a direct quote (see the limits above). */
export function directQuote(
  text: string,
  content: readonly [number, number][],
  quoted: readonly [number, number][],
): string | null {
  const parts: string[] = [];
  let all = 0;
  for (const [start, end] of content) {
    all += wordsOf(text.slice(start, end)).length;
    for (const [qs, qe] of quoted) {
      const s = Math.max(start, qs);
      const e = Math.min(end, qe);
      if (s < e) parts.push(text.slice(s, e).trim());
    }
  }
  const marked = parts.filter((p) => wordsOf(p).length > 0);
  const count = wordsOf(marked.join(' ')).length;
  if (count < MIN_QUOTED_WORDS || count < MIN_QUOTED_SHARE * all) return null;
  return marked.map((p) => p.replace(/^[\s,;:]+|[\s,;:]+$/gu, '')).join(' … ');
}

/** Last words that make a capitalised run a kind of person, not a name ("a New Hampshire Democrat"). */
const GROUPS = words(`republican republicans democrat democrats american americans conservatives liberals
  progressives evangelicals christians muslims latinos hispanics independents officials critics supporters aides
  voters`);
/** Capitalised words that open a sentence but never a name. */
const NOT_NAMES = words(`another many others some several both all each most few monday tuesday wednesday
  thursday friday saturday sunday`);
/** Words before a name that say what the person is: titles, roles, and party or trade labels. */
const PERSON_TITLES = new Set([...TITLES.keys(), ...ROLE_NOUNS].filter((t) => !TITLE_MODIFIERS.has(t)));
const LABELS = words('republican democrat democratic gop journalist filmmaker');

const bare = (token: string): string => token.toLowerCase().replace(/[.’']/gu, '');
const capitalised = (token: string): boolean => /^[\p{Lu}]/u.test(token) || /^\p{Lu}\./u.test(token);

/** A trailing full stop belongs to a name only after an initial or an abbreviation ("Jane E.", "Jr."). */
function trimName(run: readonly string[]): string {
  const last = run[run.length - 1] ?? '';
  const keepsStop = /^(\p{Lu}|Jr|Sr|Inc|Co|Corp|Ltd|St)\.$/u.test(last) || /\.\p{L}+\.$/u.test(last);
  return run
    .join(' ')
    .replace(keepsStop ? /[,;:]+$/u : /[.,;:]+$/u, '')
    .trim();
}

/** Whether the text before `start` ends a sentence or a line, so a capitalised word there may be ordinary. */
export function opensSentence(text: string, start: number): boolean {
  return /(^|[.!?:“\n])\s*$/u.test(text.slice(Math.max(0, start - 4), start));
}

/**
 * The name a Source span gives, or why it gives none. The span is cut at its first comma, dash, bracket or
 * relative pronoun (an apposition or clause follows); what is left names someone when it ends in a run of
 * capitalised words ("Ohio Sen. Jane Roe", "the Glenford Gazette") not governed by a preposition ("aides
 * to Roe") nor a possessive ("Roe's campaign"). Titles and what stands before them are dropped
 * ("Senate Majority Leader Tom Becker" → "Tom Becker") unless what remains is an organisation
 * ("Supreme Court"). At the start of a sentence, a first word the article also writes in lower case ("He",
 * "Officials", "The") is an ordinary word. "The chairman of the committee, Jane Roe," names her from the
 * apposition.
 */
export function sourceName(
  source: string,
  articleText: string,
  atSentenceStart: boolean,
): { name: string } | { reason: LeftOutReason } {
  const segments = source.split(/,|—|–|\s-+\s|\(|\s(?:who|which|whose)\s/u).map((s) => s.trim());
  const head = nameOf(segments[0] ?? '', articleText, atSentenceStart);
  if ('name' in head || head.reason !== 'description' || !segments[1]) return head;
  const apposition = segments[1].split(/\s+/u);
  const wholeName = apposition.every((t, k) => capitalised(t) || (k > 0 && NAME_CONNECTORS.has(t)));
  return wholeName ? nameOf(segments[1], articleText, false) : head;
}

function nameOf(
  segment: string,
  articleText: string,
  atSentenceStart: boolean,
): { name: string } | { reason: LeftOutReason } {
  const tokens = segment.split(/\s+/u).filter(Boolean);
  if (tokens.length === 0) return { reason: 'description' };
  if (tokens.every((t) => PRONOUNS.has(bare(t)) || /^(his|her|its|their|you|one|someone)$/iu.test(t)))
    return { reason: 'pronoun' };
  if (tokens.some((t) => t === 'and' || t === '&') && tokens.filter(capitalised).length > 1)
    return { reason: 'several' };
  // The run of capitalised words (with "of" and particles inside) that ends the segment.
  let i = tokens.length - 1;
  while (i >= 0 && /^(himself|herself|itself|themselves|too|also|alone)$/u.test(tokens[i]!)) i -= 1;
  const end = i + 1;
  while (i >= 0) {
    const t = tokens[i]!;
    const inside = i > 0 && i < end - 1 && capitalised(tokens[i - 1]!);
    if (capitalised(t)) i -= 1;
    else if (inside && (NAME_CONNECTORS.has(t) || t === 'of')) i -= 1;
    else break;
  }
  let run = tokens.slice(i + 1, end);
  const possessive = /['’]s?$/u;
  if (run.length === 0 || possessive.test(run[run.length - 1]!)) return { reason: 'description' };
  if (i >= 0 && PREPOSITIONS.has(tokens[i]!.toLowerCase())) return { reason: 'description' };
  if (run.length >= 3 && run.every((t) => !/\p{Ll}/u.test(t))) return { reason: 'description' };
  const lower = run[0]!.toLowerCase();
  const ordinary = new RegExp(`(^|[^\\p{L}])${escape(lower)}([^\\p{L}]|$)`, 'u');
  if (atSentenceStart && i < 0 && ordinary.test(articleText)) run = run.slice(1);
  // "the Gazette's Ana Ruiz", "Ohio-based Tom Becker": the name comes after.
  const owner = run.findLastIndex((t) => possessive.test(t) || /-\p{Ll}+$/u.test(t));
  run = run.slice(owner + 1);
  while (run.length > 0 && (DETERMINERS.has(bare(run[0]!)) || NOT_NAMES.has(bare(run[0]!))))
    run = run.slice(1);
  if (run.length === 0) return { reason: 'description' };
  // Titles and what stands before them: "Senate Majority Leader Tom Becker" → "Tom Becker",
  // "Secretary of State Jane Roe" → "Jane Roe"; but "Democratic National Committee" stays.
  const lastTitle = run.findLastIndex(
    (t, k) => k < run.length - 1 && (PERSON_TITLES.has(bare(t)) || LABELS.has(bare(t))),
  );
  if (lastTitle >= 0) {
    let rest = run.slice(lastTitle + 1);
    while (rest.length > 1 && (rest[0] === 'of' || TITLE_MODIFIERS.has(bare(rest[0]!)))) rest = rest.slice(1);
    const organisation = ORG_SUFFIXES.has(bare(rest[rest.length - 1]!));
    if (PERSON_TITLES.has(bare(run[lastTitle]!)) || !organisation) run = rest;
  }
  // "Ana Ruiz of the Glenford Gazette", "Tom Becker of Ohio": the name is before "of".
  const of = run.indexOf('of');
  if (of >= 2 && !run.slice(0, of).some((t) => ORG_SUFFIXES.has(bare(t)))) run = run.slice(0, of);
  while (run.length > 1 && NAME_CONNECTORS.has(run[0]!)) run = run.slice(1);
  const name = trimName(run);
  if (GROUPS.has(bare(run[run.length - 1] ?? ''))) return { reason: 'group' };
  if (run.length === 1 && PRONOUNS.has(bare(name))) return { reason: 'pronoun' };
  return name ? { name } : { reason: 'description' };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** Whether two name forms can be one person: the shorter's words all in the longer, same last word. */
export function sameNameForms(a: string, b: string): boolean {
  const [short, long] = [wordsOf(normaliseName(a)), wordsOf(normaliseName(b))].sort(
    (x, y) => x.length - y.length,
  );
  if (!short!.length || short![short!.length - 1] !== long![long!.length - 1]) return false;
  return short!.every((w) => long!.includes(w));
}

/**
 * One article's speakers: each named form joins the longest compatible form ("Roe" joins "Jane Roe");
 * a form compatible with several ("Roe" with "Jane Roe" and "John Roe") joins the one the
 * article names most often.
 */
function speakersOf(forms: readonly string[], articleText: string): Map<string, string> {
  const sorted = [...new Set(forms)].sort(
    (a, b) => wordsOf(b).length - wordsOf(a).length || b.length - a.length,
  );
  const fullOf = new Map<string, string>();
  const count = (name: string) => articleText.split(name).length - 1;
  for (const form of sorted) {
    const longer = [
      ...new Set(
        sorted
          .filter((f) => wordsOf(f).length > wordsOf(form).length && sameNameForms(form, f))
          .map((f) => fullOf.get(f)!),
      ),
    ];
    longer.sort((a, b) => count(b) - count(a) || articleText.indexOf(a) - articleText.indexOf(b));
    fullOf.set(form, longer[0] ?? form);
  }
  return fullOf;
}

/**
 * Reads a PolNeAR split folder (`text/*.txt`, `attributions/*.ann`): each article as a knowledge article
 * and its direct quotes as gold. Of several annotators' files for one article, the first in sort order is
 * read. A direct quote is an attribution whose content has at least two quotation-marked words making at
 * least half its words; its gold text is those marked words. Its speaker is the name its Source span gives
 * (see `sourceName`); PolNeAR links no pronoun to a name, so a quote with a pronoun, a description or no
 * source is kept apart in `unnamed`, as is one in the headline (not a paragraph the index reads).
 */
export async function readPolnear(dir: string): Promise<PolnearSplit> {
  const texts = (await readdir(path.join(dir, 'text'))).filter((f) => f.endsWith('.txt')).sort();
  const anns = (await readdir(path.join(dir, 'attributions'))).filter((f) => f.endsWith('.ann')).sort();
  const split: PolnearSplit = { articles: [], gold: [], unnamed: [], annotations: new Map(), indirect: 0 };
  for (const file of texts) {
    const base = file.slice(0, -'.txt'.length);
    const annFile = anns.find((a) => a.startsWith(`${base}_`) && /^_[^_]+\.ann$/u.test(a.slice(base.length)));
    if (!annFile) continue;
    const text = (await readFile(path.join(dir, 'text', file), 'utf8')).replace(/\r/gu, ' ');
    const article = toKnowledgeArticle(base, text);
    const doc = slugFromFileName(`${base}.md`);
    split.articles.push(article);
    split.annotations.set(doc, annFile);
    const { spans, attributions } = parseBrat(
      await readFile(path.join(dir, 'attributions', annFile), 'utf8'),
    );
    const lines = linesOf(text);
    const quoted = quotedRanges(text, lines);
    const paragraphsOf = (ranges: readonly [number, number][]) => [
      ...new Set(
        lines.filter((l) => ranges.some(([s, e]) => s < l.end && e > l.start)).map((l) => l.paragraph),
      ),
    ];
    const named: { form: string; quote: Omit<GoldQuote, 'speaker' | 'forms'> }[] = [];
    for (const a of attributions) {
      const content = a.content.flatMap((id) => spans.get(id)?.ranges ?? []);
      if (content.length === 0) continue;
      const quote = directQuote(text, content, quoted);
      if (!quote) {
        split.indirect += 1;
        continue;
      }
      const paragraphs = paragraphsOf(content);
      const source = a.source ? spans.get(a.source) : undefined;
      const found: { name: string } | { reason: LeftOutReason } = paragraphs.includes(0)
        ? { reason: 'headline' }
        : source
          ? sourceName(
              source.ranges.map(([s, e]) => text.slice(s, e)).join(' '),
              text,
              opensSentence(text, source.ranges[0]![0]),
            )
          : { reason: 'no source' };
      const where = { doc, text: quote, paragraphs: paragraphs.filter((p) => p > 0) };
      if ('name' in found) named.push({ form: found.name, quote: where });
      else split.unnamed.push({ ...where, reason: found.reason });
    }
    const fullOf = speakersOf(
      named.map((n) => n.form),
      text,
    );
    for (const { form, quote } of named) {
      const speaker = fullOf.get(form) ?? form;
      const forms = [...fullOf].filter(([, full]) => full === speaker).map(([f]) => f);
      split.gold.push({ ...quote, speaker, forms });
    }
  }
  return split;
}

/** Two quotes overlap when the words they share (counted with repeats) are at least this share of the
 * shorter one's words, and at least two: the engine's and the annotators' quote boundaries differ. */
export const MIN_OVERLAP = 0.5;

/** The share of the shorter text's words the two share, or 0 when they share fewer than two. */
export function overlap(a: string, b: string): number {
  const wa = wordsOf(a);
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  const wb = wordsOf(b);
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      shared += 1;
      counts.set(w, n - 1);
    }
  }
  return shared < 2 ? 0 : shared / Math.min(wa.length, wb.length);
}

/**
 * Why a gold quote was not returned for its speaker, read from the quote that overlaps it: none; there but
 * given to nobody; given to a speaker whose name fits the gold one (the person split in two, or the name
 * asked for resolving to another speaker); given to someone else.
 */
export type MissReason =
  'quote not extracted' | 'quote unattributed' | 'same person, other name' | 'other speaker';

/** Precision and recall of `/quote` on a PolNeAR split, with what went wrong. */
export interface PolnearScore {
  /** Correct over attributed, counting only engine quotes that overlap a gold quote with a named source. */
  precision: number;
  /** Gold quotes found (a quote returned for the speaker's full name overlaps it) over all gold quotes. */
  recall: number;
  correct: number;
  attributed: number;
  found: number;
  gold: number;
  /** Engine quotes with a speaker that overlap no gold quote: not counted either way. */
  noCounterpart: number;
  /** Engine quotes with a speaker that overlap a gold quote whose source names nobody: not counted. */
  unnamedCounterpart: number;
  /** Gold direct quotes left out, by reason. */
  leftOut: Map<LeftOutReason, number>;
  misses: { gold: GoldQuote; reason: MissReason; asked: string; got: string | null }[];
  /** Engine quotes given to someone other than the overlapping gold quote's speaker. */
  wrong: { text: string; doc: string; paragraph: number; speaker: string; gold: GoldQuote }[];
}

/**
 * Scores the quote index on a PolNeAR split. Each gold speaker is asked for by full name, first among the
 * people of the quote's own article (an alias there; of several, the one named most often), else through
 * the index's lookup, as `/quote` would;
 * a gold quote is found when a quote returned for that speaker, in the same article and paragraph,
 * overlaps it (see `overlap`). An engine quote with a speaker that overlaps a named gold quote is correct
 * when its speaker is the one the gold name resolves to, or bears a compatible name form.
 */
export function scorePolnear(index: QuoteIndex, split: PolnearSplit): PolnearScore {
  const peopleIn = new Map<string, Speaker[]>();
  for (const person of index.people) {
    for (const doc of new Set(person.mentionedIn.map((id) => id.slice(0, id.indexOf('#'))))) {
      const list = peopleIn.get(doc);
      if (list) list.push(person);
      else peopleIn.set(doc, [person]);
    }
  }
  const resolved = new Map<string, string | null>();
  const resolve = (doc: string, name: string): string | null => {
    const key = `${doc}\u0000${name}`;
    if (!resolved.has(key)) {
      const wanted = normaliseName(name);
      const here = (peopleIn.get(doc) ?? []).filter(
        (p) => normaliseName(p.canonical) === wanted || p.aliases.some((a) => normaliseName(a) === wanted),
      );
      // A surname several people of the article bear ("Clinton") means, as the gold's own forms do (see
      // `speakersOf`), the one the article names most often.
      const mentions = (p: Speaker) => p.mentionedIn.filter((id) => id.startsWith(`${doc}#`)).length;
      const [first, second] = [...here].sort((a, b) => mentions(b) - mentions(a));
      const most = first && (!second || mentions(first) > mentions(second)) ? first : undefined;
      resolved.set(key, most ? most.canonical : index.lookup(name).speaker);
    }
    return resolved.get(key)!;
  };
  const quotesIn = new Map<string, IndexedQuote[]>();
  for (const q of index.quotes) {
    const list = quotesIn.get(q.doc);
    if (list) list.push(q);
    else quotesIn.set(q.doc, [q]);
  }
  const near = (a: { text: string; paragraph: number }, g: { text: string; paragraphs: number[] }) =>
    g.paragraphs.includes(a.paragraph) ? overlap(a.text, g.text) : 0;
  const compatible = (speaker: string, gold: GoldQuote) =>
    gold.forms.some((form) => sameNameForms(form, speaker));

  const misses: PolnearScore['misses'] = [];
  let found = 0;
  for (const gold of split.gold) {
    const speaker = resolve(gold.doc, gold.speaker);
    const overlapping = (quotesIn.get(gold.doc) ?? []).filter((q) => near(q, gold) >= MIN_OVERLAP);
    if (speaker && overlapping.some((q) => q.speaker === speaker)) {
      found += 1;
      continue;
    }
    const other = overlapping.find((q) => q.speaker !== null);
    const reason: MissReason =
      overlapping.length === 0
        ? 'quote not extracted'
        : !other
          ? 'quote unattributed'
          : compatible(other.speaker!, gold)
            ? 'same person, other name'
            : 'other speaker';
    misses.push({ gold, reason, asked: gold.speaker, got: other?.speaker ?? speaker });
  }

  const docs = new Set(split.articles.map((a) => a.slug));
  const wrong: PolnearScore['wrong'] = [];
  let attributed = 0;
  let correct = 0;
  let noCounterpart = 0;
  let unnamedCounterpart = 0;
  for (const q of index.quotes) {
    if (!q.speaker || !docs.has(q.doc)) continue;
    const best = <T extends { doc: string; text: string; paragraphs: number[] }>(list: readonly T[]) =>
      list
        .filter((g) => g.doc === q.doc)
        .map((g) => ({ g, share: near(q, g) }))
        .filter((x) => x.share >= MIN_OVERLAP)
        .sort((x, y) => y.share - x.share)[0];
    const named = best(split.gold);
    const unnamed = best(split.unnamed);
    if (!named || (unnamed && unnamed.share > named.share)) {
      if (unnamed) unnamedCounterpart += 1;
      else noCounterpart += 1;
      continue;
    }
    attributed += 1;
    if (q.speaker === resolve(q.doc, named.g.speaker) || compatible(q.speaker, named.g)) correct += 1;
    else wrong.push({ text: q.text, doc: q.doc, paragraph: q.paragraph, speaker: q.speaker, gold: named.g });
  }

  const leftOut = new Map<LeftOutReason, number>();
  for (const u of split.unnamed) leftOut.set(u.reason, (leftOut.get(u.reason) ?? 0) + 1);
  return {
    precision: attributed === 0 ? 1 : correct / attributed,
    recall: split.gold.length === 0 ? 1 : found / split.gold.length,
    correct,
    attributed,
    found,
    gold: split.gold.length,
    noCounterpart,
    unnamedCounterpart,
    leftOut,
    misses,
    wrong,
  };
}
