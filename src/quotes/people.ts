import type { Article, Paragraph } from '../knowledge/types.js';
import { extractQuotes, readingUnits, type ExtractedQuote, type ReadingUnit } from './extract-quotes.js';
import { tokenizeParagraph, type Token } from './paragraph-tokens.js';
import { tagger } from './tagger.js';
import {
  COURTESY_TITLES,
  DOCUMENT_SUFFIXES,
  HONORIFICS,
  MONTHS,
  NAME_CONNECTORS,
  NOT_AN_APPOSITION,
  ORG_SUFFIXES,
  PERSON_NOUNS,
  PHRASE_OPENERS,
  POSSESSIVE_PRONOUNS,
  PREPOSITIONS,
  RELATIVES,
  ROLE_ING_MODIFIERS,
  ROLE_NOUNS,
  ROLE_PARTICIPLES,
  TITLE_EXPANSIONS,
  TITLE_MODIFIERS,
  TITLES,
  type TitleGender,
} from './word-lists.js';

/** What a named thing is. Places only become speakers (as organisations) when the text has them speak. */
export type EntityKind = 'person' | 'organisation' | 'place';
/** The gender a pronoun needs: from a title, or else a dictionary of first names. */
export type Gender = 'male' | 'female';

/** A paragraph read once: its quotes, sentence-like units and tokens. */
export interface AnalysedParagraph {
  paragraph: Paragraph;
  quotes: ExtractedQuote[];
  units: ReadingUnit[];
  outer: Token[];
  inner: Token[][];
}

/** One run of capitalised words that names someone or something, located in a paragraph's token stream. */
export interface NameSpan {
  /** Index of the paragraph in its article. */
  paragraph: number;
  /** -1 for the text around quotes, otherwise the index of the quote the name sits in. */
  stream: number;
  /** First and last token, title included. */
  first: number;
  last: number;
  title: string[];
  words: string[];
  kind: EntityKind | 'unknown';
  /** The words look like a person's name on their own (a known first name, a title, compromise's #Person). */
  personLike: boolean;
  possessive: boolean;
  sentenceId: string;
  /** Registry key of the entity named, or null when the words name nobody the registry knows. */
  entity: string | null;
}

/** A person, organisation or place named in one article. */
export interface RegistryEntity {
  key: string;
  doc: string;
  canonical: string;
  kind: EntityKind;
  aliases: Set<string>;
  /** The role the article gives: an apposition, a role before the name, or a title. */
  role: string | null;
  /** Head nouns of every role and title seen ("spokesman", "president"): what "the spokesman" can refer to. */
  roleHeads: Set<string>;
  /** Every role text seen, so "the director of Foo" can be checked against "director of Foo in Bar". */
  roleTexts: string[];
  gender: Gender | null;
  /** Registered only because the text has it speak, with nothing to say whether it is a person or a body. */
  kindGuessed: boolean;
  mentions: NameSpan[];
}

/** The people, organisations and places one article names, and where. Aliases never cross articles. */
export interface ArticleRegistry {
  doc: string;
  paragraphs: AnalysedParagraph[];
  entities: Map<string, RegistryEntity>;
  /** Name spans in the text around quotes, per paragraph, in token order. */
  outerSpans: NameSpan[][];
  /** Every span, inside quotes too. */
  spans: NameSpan[];
}

type GenderHint = TitleGender;

const OF_OPENERS = new Set([...ORG_SUFFIXES, ...TITLES.keys()]);
const CALENDAR =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)$/u;

/** compromise's dictionary tags for a lower-case word or phrase, without context. Needs `loadTagger()`. */
export function lexiconTags(lower: string): string[] {
  const entry = tagger().lexicon[lower];
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

const hasAny = (tags: Iterable<string>, wanted: readonly string[]): boolean => {
  for (const tag of tags) if (wanted.includes(tag)) return true;
  return false;
};

const FIRST_NAME_TAGS = ['FirstName', 'MaleName', 'FemaleName'];
/** Dictionary tags that say a word is a name rather than a common word. */
export const NAME_TAGS: ReadonlySet<string> = new Set([
  ...FIRST_NAME_TAGS,
  'LastName',
  'Person',
  'ProperNoun',
  'Country',
  'City',
  'Region',
  'Place',
  'Organization',
  'Honorific',
  'Acronym',
]);
const PLACE_TAGS = ['Country', 'City', 'Region', 'Place', 'Continent', 'Address'];
const PROPER_TAGS = [
  'ProperNoun',
  'Person',
  'Place',
  'Organization',
  'Honorific',
  'FirstName',
  'LastName',
  'Acronym',
  'Country',
  'City',
  'Region',
];

/** True for a word that names a role ("spokesman", "director"). */
export function isRoleNoun(token: Token): boolean {
  return (
    token.kind === 'word' &&
    !token.capitalised &&
    (ROLE_NOUNS.has(token.lower) || (token.tags.has('Actor') && !token.tags.has('Plural')))
  );
}

/** A role noun, or a noun for someone's part in a story ("tenant", "referee"): what a person can be called. */
function isPersonNoun(token: Token | undefined): boolean {
  if (!token || token.kind !== 'word' || token.capitalised) return false;
  if (PERSON_NOUNS.has(token.lower) || ROLE_NOUNS.has(token.lower)) return true;
  // The tagger calls "using" in "is using President X" an actor: an unlisted "-ing" word is an action.
  return isRoleNoun(token) && !/ing$/u.test(token.lower);
}

/** A word that qualifies a role though tagged as a verb: "managing director", "retired firefighter". */
function qualifiesRole(token: Token): boolean {
  return (
    ROLE_ING_MODIFIERS.has(token.lower) ||
    ROLE_PARTICIPLES.has(token.lower) ||
    /-(?:appointed|elected|based|born)$/u.test(token.lower)
  );
}

function stripDot(word: string): string {
  return word.replace(/\.$/u, '').toLowerCase();
}

function looksProper(token: Token): boolean {
  return (
    hasAny(token.tags, PROPER_TAGS) ||
    hasAny(lexiconTags(token.lower), [
      ...FIRST_NAME_TAGS,
      'LastName',
      ...PLACE_TAGS,
      'Organization',
      'Honorific',
    ]) ||
    TITLES.has(stripDot(token.text))
  );
}

function isNameWord(token: Token | undefined, next: Token | undefined, known: ReadonlySet<string>): boolean {
  if (!token || token.kind !== 'word' || !token.capitalised) return false;
  if (token.tags.has('Pronoun') || /^I(['’]|$)/u.test(token.text)) return false;
  if (token.sentenceInitial && !looksProper(token) && !opensName(token, next) && !known.has(token.text))
    return false;
  if (/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/u.test(token.lower)) return false;
  // A month is a date, not a name, when a number stands next to it ("March 3").
  if (CALENDAR.test(token.lower) && next?.kind === 'word' && /^\d/u.test(next.text)) return false;
  return true;
}

const NEVER_IN_NAME = [
  'Adverb',
  'Conjunction',
  'Preposition',
  'Determiner',
  'Pronoun',
  'Date',
  'Verb',
  'QuestionWord',
  'Value',
];

/** A sentence's first word is part of a name when another name word follows ("Harbour Board", "New York"). */
function opensName(token: Token, next: Token | undefined): boolean {
  // compromise reads a capitalised first word before a name as an imperative ("Harbour Board …").
  const imperative = token.tags.has('Imperative') && !!next?.tags.has('ProperNoun');
  const blocked = imperative ? NEVER_IN_NAME.filter((t) => t !== 'Verb') : NEVER_IN_NAME;
  return (
    !hasAny(token.tags, blocked) &&
    !token.tags.has('Plural') &&
    next?.kind === 'word' &&
    next.capitalised &&
    !next.tags.has('Pronoun')
  );
}

/** Maximal runs of capitalised words, joined by name particles ("de", "van") or by "of" after a title or org word. */
/**
 * Maximal runs of capitalised words, joined by name particles ("de", "van") or by "of" after a title or org
 * word. `known` holds words of names already found elsewhere in the article, so "Obi said" at the start of a
 * sentence is still a name.
 */
function nameRuns(tokens: readonly Token[], known: ReadonlySet<string>): { first: number; last: number }[] {
  const runs: { first: number; last: number }[] = [];
  const nameWord = (k: number): boolean => isNameWord(tokens[k], tokens[k + 1], known);
  let i = 0;
  while (i < tokens.length) {
    if (!nameWord(i)) {
      i += 1;
      continue;
    }
    let last = i;
    for (;;) {
      const next = tokens[last + 1];
      if (tokens[last]?.possessive) {
        // "St Mary’s Hospital" is one name; "Spain’s Ana Ruiz" is two.
        let end = last + 1;
        while (nameWord(end) && !tokens[end]?.possessive && nameWord(end + 1)) end += 1;
        if (nameWord(end) && ORG_SUFFIXES.has(stripDot(tokens[end]?.text ?? ''))) {
          last = end;
          continue;
        }
        break;
      }
      if (nameWord(last + 1) && next?.quote === tokens[last]?.quote) {
        last += 1;
        continue;
      }
      // "Dr. Ana Ruiz", "Sen. Thomas Reed": a title's full stop is part of the name, not its end.
      if (next?.text === '.' && TITLES.has(stripDot(tokens[last]?.text ?? '')) && nameWord(last + 2)) {
        last += 2;
        continue;
      }
      const joinable =
        next?.kind === 'word' &&
        (NAME_CONNECTORS.has(next.lower) ||
          (next.lower === 'of' && OF_OPENERS.has(stripDot(tokens[last]?.text ?? ''))));
      if (joinable && nameWord(last + 2)) {
        last += 2;
        continue;
      }
      break;
    }
    runs.push({ first: i, last });
    i = last + 1;
  }
  return runs;
}

interface Classified {
  title: string[];
  words: string[];
  kind: EntityKind | 'unknown' | 'none';
  personLike: boolean;
}

function classifyRun(tokens: readonly Token[], first: number, last: number): Classified {
  const run = tokens.slice(first, last + 1).filter((t) => t.kind === 'word');
  const texts = run.map((t) => t.text);
  const lowers = texts.map(stripDot);
  const whole = lowers.join(' ');
  const suffixOf = lowers.some((w, k) => ORG_SUFFIXES.has(w) && lowers[k + 1] === 'of');
  if (
    ORG_SUFFIXES.has(lowers[lowers.length - 1] ?? '') ||
    suffixOf ||
    hasAny(lexiconTags(whole), ['Organization'])
  ) {
    return { title: [], words: texts, kind: 'organisation', personLike: false };
  }
  // A lone month ("since January") is a date, and "… Act" or "… Regulation" a law: neither is anyone's name.
  if (lowers.length === 1 && MONTHS.has(whole))
    return { title: [], words: texts, kind: 'none', personLike: false };
  if (lowers.length >= 2 && DOCUMENT_SUFFIXES.has(lowers[lowers.length - 1] ?? ''))
    return { title: [], words: texts, kind: 'none', personLike: false };
  // The title runs to the last title word that still leaves a name after it ("Secretary of State Ana Ruiz").
  let cut = 0;
  for (let k = 0; k < lowers.length - 1; k++) if (TITLES.has(lowers[k] ?? '')) cut = k + 1;
  if (!lowers.slice(0, cut).some((w) => TITLES.has(w) && !TITLE_MODIFIERS.has(w))) cut = 0;
  if (cut === 0) cut = roleWordsCut(run, lowers);
  const title = texts.slice(0, cut);
  const words = texts.slice(cut);
  const nameTokens = run.slice(cut);
  const joined = words.join(' ').toLowerCase();
  const lastToken = nameTokens[nameTokens.length - 1];
  if (words.length === 0 || !lastToken) return { title, words, kind: 'none', personLike: false };

  const lastLower = stripDot(lastToken.text);
  const isAcronym = words.length === 1 && /^[A-Z][A-Z.&-]{1,6}$/u.test(words[0] ?? '');
  const personTitle = title.length > 0;
  const firstIsFirstName = hasAny(lexiconTags(nameTokens[0]?.lower ?? ''), FIRST_NAME_TAGS);
  const contextPerson = nameTokens.some(
    (t) => t.tags.has('Person') || t.tags.has('FirstName') || t.tags.has('LastName'),
  );
  const personLike =
    personTitle ||
    (words.length >= 2 && (firstIsFirstName || contextPerson)) ||
    (words.length === 1 && hasAny(lexiconTags(lastLower), ['LastName']));

  if (!personTitle && hasAny(lexiconTags(joined), ['Organization']))
    return { title, words, kind: 'organisation', personLike: false };
  if (!personTitle && hasAny(lexiconTags(joined), PLACE_TAGS))
    return { title, words, kind: 'place', personLike: false };
  if (isAcronym && !personTitle) {
    return { title, words, kind: lastToken.tags.has('Place') ? 'place' : 'organisation', personLike: false };
  }
  if (!personLike && (lastToken.tags.has('Demonym') || lastToken.tags.has('Adjective'))) {
    return { title, words, kind: 'none', personLike: false };
  }
  if (!personLike && nameTokens.every((t) => t.tags.has('Place')))
    return { title, words, kind: 'place', personLike: false };
  if (personLike) return { title, words, kind: 'person', personLike };
  return { title, words, kind: 'unknown', personLike: false };
}

/**
 * "Group Manager Ana Ruiz", "CEO Ana Ruiz": capitalised role nouns open a run as a title does, when what
 * follows reads as a person's name (a known first name, or words the dictionary has as no common word), so
 * "Head Start" stays whole. Returns how many words the title takes, 0 for none.
 */
function roleWordsCut(run: readonly Token[], lowers: readonly string[]): number {
  let cut = 0;
  for (let k = 0; k < lowers.length - 1; k++) if (ROLE_NOUNS.has(lowers[k] ?? '')) cut = k + 1;
  const rest = run.slice(cut);
  if (cut === 0 || rest.length < 2) return 0;
  const firstName = hasAny(lexiconTags(rest[0]?.lower ?? ''), FIRST_NAME_TAGS);
  const unknownWords = rest.every((t) => {
    const tags = lexiconTags(t.lower);
    return tags.length === 0 || hasAny(tags, [...NAME_TAGS]);
  });
  return firstName || unknownWords ? cut : 0;
}

/** The id of the loader's sentence that holds a character offset of the paragraph. */
export function sentenceIdAt(analysed: AnalysedParagraph, offset: number): string {
  const unit =
    analysed.units.find((u) => u.start <= offset && offset < u.end) ??
    analysed.units[analysed.units.length - 1];
  const ids = unit?.sentenceIds ?? [];
  if (ids.length <= 1) return ids[0] ?? analysed.paragraph.id;
  // Within a merged unit, find the loader's sentence by its text position.
  let cursor = 0;
  let found = ids[0] ?? analysed.paragraph.id;
  for (const sentence of analysed.paragraph.sentences) {
    const at = analysed.paragraph.text.indexOf(sentence.text, cursor);
    if (at < 0) continue;
    if (at <= offset && ids.includes(sentence.id)) found = sentence.id;
    cursor = at + sentence.text.length;
  }
  return found;
}

/** Reads every paragraph of an article once: quotes, units and tokens. Needs `loadTagger()` first. */
export function analyseArticle(article: Article): AnalysedParagraph[] {
  return article.paragraphs.map((paragraph) => {
    const quotes = extractQuotes(paragraph);
    const units = readingUnits(paragraph, quotes);
    const { outer, inner } = tokenizeParagraph(paragraph.text, quotes, units);
    return { paragraph, quotes, units, outer, inner };
  });
}

function spansOf(
  analysed: AnalysedParagraph,
  index: number,
  tokens: readonly Token[],
  stream: number,
  known: ReadonlySet<string>,
  surnames: ReadonlySet<string> = new Set(),
): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const run of nameRuns(tokens, known)) {
    if (isDateline(tokens, run.first, run.last)) continue;
    const c = classifyRun(tokens, run.first, run.last);
    if (c.kind === 'none') {
      if (!isSurnameUse(tokens, run.first, run.last, surnames)) continue;
      c.kind = 'unknown';
    }
    // A name the dictionaries do not know is a person's when the text says so right after it.
    if (
      c.kind === 'unknown' &&
      c.words.length >= 2 &&
      (personFollows(tokens, run.last) || personPrecedes(tokens, run.first, run.last))
    ) {
      c.kind = 'person';
      c.personLike = true;
    }
    const lastToken = tokens[run.last];
    spans.push({
      paragraph: index,
      stream,
      first: run.first,
      last: run.last,
      title: c.title,
      words: c.words,
      kind: c.kind,
      personLike: c.personLike,
      possessive: lastToken?.possessive ?? false,
      sentenceId: sentenceIdAt(analysed, tokens[run.first]?.start ?? 0),
      entity: null,
    });
  }
  return spans;
}

/**
 * "Cuban said": a lone word the dictionary calls a nationality or an adjective is a surname where the article
 * names someone in full with it, unless a noun follows it ("Cuban cigars").
 */
function isSurnameUse(
  tokens: readonly Token[],
  first: number,
  last: number,
  surnames: ReadonlySet<string>,
): boolean {
  const next = tokens[last + 1];
  const modifies = next?.kind === 'word' && !next.capitalised && next.tags.has('Noun');
  return first === last && surnames.has(tokens[first]?.text ?? '') && !modifies;
}

/**
 * Whether what follows a name marks a person: ", who …", an age (", 71,"), or an apposition naming a
 * person's role (", the Hartmoor manager,"): organisations take "which", and have no age or job.
 */
function personFollows(tokens: readonly Token[], last: number): boolean {
  if (tokens[last + 1]?.text !== ',') return false;
  const next = tokens[last + 2];
  if (!next || next.kind !== 'word') return false;
  if (next.lower === 'who' || /^\d{1,3}$/u.test(next.text)) return true;
  if (!['the', 'a', 'an'].includes(next.lower)) return false;
  for (let k = last + 3; k < Math.min(tokens.length, last + 8); k++) {
    const token = tokens[k]!;
    if (token.kind !== 'word') return false;
    if (token.tags.has('Actor')) return true;
  }
  return false;
}

/**
 * "HARLAN FALLS, Ohio —", "KAMPALA, Sept 12 (Wire) -": a paragraph that opens with a place in capitals and
 * reaches a dash before any lower-case word opens with a dateline, which names where, never who.
 */
function isDateline(tokens: readonly Token[], first: number, last: number): boolean {
  if (tokens.slice(0, first).some((t) => t.kind === 'word')) return false;
  const capitals = tokens.slice(first, last + 1).filter((t) => t.kind === 'word');
  if (!capitals.every((t) => /^[\p{Lu}][\p{Lu}.'’-]+$/u.test(t.text))) return false;
  for (let k = last + 1; k < Math.min(tokens.length, last + 14); k++) {
    const t = tokens[k]!;
    if (/^[—–-]$/u.test(t.text)) return true;
    if (t.kind !== 'punct' && !t.capitalised && !/^\d/u.test(t.text)) return false;
  }
  return false;
}

/**
 * A person's part said right before an unfamiliar name ("retired firefighter X", "Another parent, X,"). Only
 * the word lists count here: the tagger also calls a "chipmaker" an actor, and a chipmaker is a company.
 */
function personPrecedes(tokens: readonly Token[], first: number, last: number): boolean {
  const word = tokens[first - 1];
  const listed = !!word && !word.capitalised && (ROLE_NOUNS.has(word.lower) || PERSON_NOUNS.has(word.lower));
  return listed || commaRoleBefore(tokens, first, last) !== null;
}

/**
 * "Kessler’s attorney, Ana Ruiz, said", "A spokeswoman for Foo, Ana Ruiz,": a noun phrase naming someone's
 * part, set off by a comma right before the name (or before a role word that opens it), with the name closing
 * the apposition. `from` is where that role word or the name starts. Returns the phrase's tokens.
 */
function commaRoleBefore(tokens: readonly Token[], from: number, last: number): Token[] | null {
  const comma = from - 1;
  const after = tokens[last + 1];
  if (tokens[comma]?.text !== ',' || (after && !/^[,.;:!?)]$/u.test(after.text))) return null;
  const phrase = phraseBefore(tokens, comma);
  const start = phrase.findIndex((t) => PHRASE_OPENERS.has(t.lower) || t.possessive);
  if (start < 0) return null;
  // A capitalised owner before a possessive belongs to it: "Sacramento County’s prosecutor".
  let begin = start;
  while (begin > 0 && phrase[start]?.possessive && phrase[begin - 1]?.capitalised) begin -= 1;
  const words = phrase.slice(begin);
  const preposition = words.findIndex((t, i) => i > 0 && PREPOSITIONS.has(t.lower));
  const head = preposition > 0 ? words[preposition - 1] : words[words.length - 1];
  if (!isPersonNoun(head)) return null;
  return words;
}

/**
 * The words before a comma that can belong to one noun phrase, read backwards to a verb, a conjunction, a
 * preposition not after a person noun, punctuation or the start of the sentence.
 */
function phraseBefore(tokens: readonly Token[], comma: number): Token[] {
  const unit = tokens[comma]?.unit;
  let from = comma;
  for (let k = comma - 1; k >= Math.max(0, comma - 12); k--) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || t.unit !== unit) break;
    if (PREPOSITIONS.has(t.lower)) {
      // "a spokeswoman for Foo" is one phrase; "from their captain" starts after "from".
      if (!isPersonNoun(tokens[k - 1])) break;
    } else if (!t.capitalised && !PHRASE_OPENERS.has(t.lower) && !qualifiesRole(t)) {
      const clause = hasAny(t.tags, ['Verb', 'Conjunction', 'Adverb', 'Pronoun', 'QuestionWord']);
      if (clause && !t.tags.has('Noun')) break;
    }
    from = k;
    if (t.sentenceInitial) break;
  }
  return tokens.slice(from, comma);
}

/** The text of a role phrase, without a possessive pronoun that means nothing out of its sentence. */
function rolePhraseText(text: string, phrase: readonly Token[]): string {
  // The phrase ends in its head noun or what follows it, so a pronoun is never its only word.
  const from = POSSESSIVE_PRONOUNS.has(phrase[0]!.lower) ? phrase[1]! : phrase[0]!;
  const role = text.slice(from.start, phrase[phrase.length - 1]!.end);
  // "The head teacher, …" opens a sentence: the role is "the head teacher", as appositions read.
  return from.sentenceInitial && PHRASE_OPENERS.has(from.lower)
    ? role[0]!.toLowerCase() + role.slice(1)
    : role;
}

/** "Harbour Board spokesman", "Spanish opposition leader": role words right before a name. */
function roleBefore(
  analysed: AnalysedParagraph,
  tokens: readonly Token[],
  first: number,
): { role: string; start: number } | null {
  const head = tokens[first - 1];
  if (!head || !isPersonNoun(head)) return null;
  let start = first - 1;
  for (let k = first - 2; k >= Math.max(0, first - 7); k--) {
    const t = tokens[k];
    if (!t || t.kind !== 'word' || PREPOSITIONS.has(t.lower)) break;
    if (t.capitalised) {
      if (t.sentenceInitial && !looksProper(t) && !opensName(t, tokens[k + 1]) && !t.tags.has('Adjective'))
        break;
    } else if (
      !qualifiesRole(t) &&
      (hasAny(t.tags, NEVER_IN_NAME) || t.tags.has('Gerund') || /ing$/u.test(t.lower))
    )
      break;
    start = k;
    if (t.possessive) break;
  }
  const from = tokens[start];
  return from ? { role: analysed.paragraph.text.slice(from.start, head.end), start } : null;
}

/**
 * The apposition after a name, if the words between commas read as a role:
 * "Jane Roe, director of Foo, said" → "director of Foo". Relative clauses ("who said …") are not roles.
 */
export function appositionAfter(
  tokens: readonly Token[],
  last: number,
  text: string,
): { role: string; end: number } | null {
  if (tokens[last + 1]?.text !== ',') return null;
  const unit = tokens[last]?.unit;
  // "Ana Ruiz, 51, the company’s finance chief,": the age is an aside, the role follows it.
  const age = /^\d{1,3}$/u.test(tokens[last + 2]?.text ?? '') && tokens[last + 3]?.text === ',';
  const startIndex = age ? last + 4 : last + 2;
  let end = startIndex;
  while (end < tokens.length && end - startIndex <= 24) {
    const t = tokens[end];
    if (
      !t ||
      t.unit !== unit ||
      t.kind === 'quote' ||
      t.text === ',' ||
      t.text === ';' ||
      t.text === '(' ||
      t.text === ')'
    )
      break;
    end += 1;
  }
  const phrase = tokens
    .slice(startIndex, end)
    .filter((t) => !(t.kind === 'punct' && /[.!?]/u.test(t.text) && t === tokens[end - 1]));
  const opener = phrase[0];
  if (!opener || phrase.length > 22) return null;
  if (opener.lower === 'who') return roleBecome(phrase, text, end - 1);
  if (NOT_AN_APPOSITION.has(opener.lower)) return null;
  // "a nurse who had waited an hour": the role is what comes before the relative clause.
  const relative = phrase.findIndex((t) => RELATIVES.has(t.lower));
  const role = relative > 0 ? phrase.slice(0, relative) : phrase;
  const lowerWords = role.filter((t) => t.kind === 'word' && !t.capitalised);
  const hasVerb = lowerWords.some(
    (t) => t.tags.has('Verb') && !t.tags.has('Noun') && !t.tags.has('Adjective') && !t.tags.has('Gerund'),
  );
  // A role word, or a described noun phrase (", a nurse who …", ", the union’s negotiator,").
  const described =
    /^(a|an|the)$/u.test(opener.lower) && role.some((t) => t.tags.has('Noun') && !t.capitalised);
  if (hasVerb || !(role.some((t) => isPersonNoun(t)) || described)) return null;
  const lastWord = role[role.length - 1];
  if (!lastWord) return null;
  return { role: text.slice(opener.start, lastWord.end), end: end - 1 };
}

// ", who became chief executive of Hartwell's in June": the verbs that give a role, and the words that end it.
const BECAME = /^(?:is|was|became|becomes|serves|served|remains|remained)$/u;
const ROLE_ENDS = new Set(['in', 'after', 'before', 'since', 'until', 'when', 'last', 'and', 'but', 'for']);

/** The role a ", who is/became/serves as …" clause gives, if it names one. */
function roleBecome(
  phrase: readonly Token[],
  text: string,
  end: number,
): { role: string; end: number } | null {
  if (!phrase[1] || !BECAME.test(phrase[1].lower)) return null;
  let start = 2;
  if (phrase[start]?.lower === 'as') start += 1;
  const role: Token[] = [];
  for (let k = start; k < phrase.length; k++) {
    const t = phrase[k]!;
    if (t.kind !== 'word' || ROLE_ENDS.has(t.lower)) break;
    role.push(t);
  }
  const first = role[0];
  const lastWord = role[role.length - 1];
  if (!first || !lastWord || !role.some((t) => isRoleNoun(t))) return null;
  return { role: text.slice(first.start, lastWord.end), end };
}

/** The head noun of a role: "EU trade commissioner" → "commissioner", "programme manager at X" → "manager". */
export function roleHead(role: string): string | null {
  const words = role
    .toLowerCase()
    .replace(/[’']s\b/gu, '')
    .split(/[\s,]+/u)
    .filter(Boolean);
  const cut = words.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w));
  const before = cut > 0 ? words.slice(0, cut) : words;
  return before[before.length - 1] ?? null;
}

function newEntity(doc: string, canonical: string, kind: EntityKind): RegistryEntity {
  return {
    key: `${doc}:${canonical.toLowerCase()}`,
    doc,
    canonical,
    kind,
    aliases: new Set([canonical]),
    role: null,
    roleHeads: new Set(),
    roleTexts: [],
    gender: null,
    kindGuessed: false,
    mentions: [],
  };
}

function sameFullName(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 2) return false;
  const prefix = short.every((w, i) => long[i] === w);
  const ends = short[0] === long[0] && short[short.length - 1] === long[long.length - 1];
  return prefix || ends;
}

function titleGender(span: NameSpan): GenderHint {
  for (const t of span.title) {
    const g = TITLES.get(stripDot(t));
    if (g) return g;
  }
  return null;
}

/**
 * Records a name's title as a role and returns it, written out ("Sen" → "Senator"); null when the title is
 * only courtesy ("Dr", "Sir", "Ms"), which says how to address someone, not what they do.
 */
function titleRole(entity: RegistryEntity, span: NameSpan): string | null {
  const lowers = span.title.map(stripDot);
  if (lowers.length === 0 || lowers.every((t) => HONORIFICS.has(t))) return null;
  addRole(entity, span.title.join(' '));
  if (lowers.every((t) => COURTESY_TITLES.has(t))) return null;
  const written = span.title.map((t, i) => TITLE_EXPANSIONS.get(lowers[i]!) ?? t).join(' ');
  addRole(entity, written);
  return written;
}

function addRole(entity: RegistryEntity, role: string): void {
  const trimmed = role.trim();
  if (trimmed.length === 0 || entity.roleTexts.includes(trimmed)) return;
  entity.roleTexts.push(trimmed);
  const head = roleHead(trimmed);
  if (head) entity.roleHeads.add(head);
}

/**
 * Records the roles the text gives a name at one mention and returns the best of them with its rank:
 * an apposition says most (3), a role word before the name less (2), a title least (1).
 */
function rolesAt(
  registry: ArticleRegistry,
  entity: RegistryEntity,
  span: NameSpan,
): { role: string; rank: number } | null {
  const analysed = registry.paragraphs[span.paragraph];
  if (!analysed || span.stream !== -1 || entity.kind === 'place') return null;
  let best: { role: string; rank: number } | null = null;
  const title = titleRole(entity, span);
  if (title) best = { role: title, rank: 1 };
  const tokens = analysed.outer;
  const before = roleBefore(analysed, tokens, span.first);
  // "A court-appointed receiver, attorney Ana Ruiz": both are recorded; the words next to the name win.
  // Only people: "a bookkeeper at Kessler’s firm, Kessler Wealth Partners," is about the bookkeeper.
  const comma = entity.kind === 'person' && commaRoleBefore(tokens, before?.start ?? span.first, span.last);
  const set = comma && rolePhraseText(analysed.paragraph.text, comma);
  if (set) {
    addRole(entity, set);
    best = { role: set, rank: 2 };
  }
  if (before) {
    addRole(entity, before.role);
    best = { role: before.role, rank: 2 };
  }
  const apposition = appositionAfter(analysed.outer, span.last, analysed.paragraph.text);
  if (apposition) {
    addRole(entity, apposition.role);
    best = { role: apposition.role, rank: 3 };
  }
  return best;
}

/** Records a span as a mention of an entity, with the alias it used. */
function linkSpan(entity: RegistryEntity, span: NameSpan): void {
  span.entity = entity.key;
  entity.mentions.push(span);
  entity.aliases.add(span.words.join(' '));
  if (span.title.length > 0) entity.aliases.add([...span.title, ...span.words].join(' '));
}

/**
 * Registers a span the registry left out (a lone unfamiliar word, say) once attribution shows it speaks:
 * a name that says something is a speaker, whatever else it is.
 */
export function speakerEntity(registry: ArticleRegistry, span: NameSpan): RegistryEntity {
  const known = span.entity ? registry.entities.get(span.entity) : undefined;
  if (known) return known;
  const canonical = span.words.join(' ');
  const acronym = /^[A-Z][A-Z.&-]{1,6}$/u.test(canonical);
  const kind: EntityKind = span.kind === 'organisation' || acronym ? 'organisation' : 'person';
  const key = `${registry.doc}:${canonical.toLowerCase()}`;
  const existing = registry.entities.get(key);
  const entity = existing ?? newEntity(registry.doc, canonical, kind);
  if (!existing) entity.kindGuessed = span.kind === 'unknown' && !span.personLike && !acronym;
  registry.entities.set(key, entity);
  linkSpan(entity, span);
  // Its other mentions, passed over until now, are mentions of the same speaker.
  for (const other of registry.spans) {
    if (!other.entity && other !== span && other.words.join(' ') === canonical) linkSpan(entity, other);
  }
  if (!registry.spans.includes(span)) registry.spans.push(span);
  entity.role ??= rolesAt(registry, entity, span)?.role ?? null;
  return entity;
}

function genderFromNames(entity: RegistryEntity): GenderHint {
  const first = entity.canonical.split(' ')[0]?.toLowerCase() ?? '';
  const tags = lexiconTags(first);
  if (entity.canonical.includes(' ') && tags.includes('MaleName')) return 'male';
  if (entity.canonical.includes(' ') && tags.includes('FemaleName')) return 'female';
  return null;
}

/**
 * Builds one article's registry: full names first (canonical = the fullest form), then surnames and
 * "Mr X" forms linked to the one full name they fit, then roles from titles, appositions and role words.
 */
export function buildArticleRegistry(article: Article, paragraphs: AnalysedParagraph[]): ArticleRegistry {
  const doc = article.slug;
  const entities = new Map<string, RegistryEntity>();
  const outerSpans: NameSpan[][] = [];
  const all: NameSpan[] = [];
  // Two readings: the second knows the words of every full name, so a sentence may open with a surname.
  const read = (known: ReadonlySet<string>, surnames?: ReadonlySet<string>): void => {
    outerSpans.length = 0;
    all.length = 0;
    paragraphs.forEach((analysed, index) => {
      const outer = spansOf(analysed, index, analysed.outer, -1, known, surnames);
      outerSpans.push(outer);
      all.push(...outer);
      analysed.inner.forEach((tokens, q) =>
        all.push(...spansOf(analysed, index, tokens, q, known, surnames)),
      );
    });
  };
  read(new Set());
  const firstFullNames = all.filter((s) => s.kind === 'person' && s.words.length >= 2);
  const nameWords = new Set(firstFullNames.flatMap((s) => s.words));
  const surnames = new Set(firstFullNames.map((s) => s.words[s.words.length - 1] ?? ''));
  if (nameWords.size > 0) read(nameWords, surnames);

  // Full names of people, merging "Ana Ruiz" into "Ana Ruiz Vidal" and "Ana M. Ruiz" with "Ana Ruiz".
  const people: RegistryEntity[] = [];
  const fullNames = all
    .filter((s) => s.kind === 'person' && s.words.length >= 2)
    .sort((a, b) => b.words.length - a.words.length);
  for (const span of fullNames) {
    let entity = people.find((p) => sameFullName(p.canonical.split(' '), span.words));
    if (!entity) {
      entity = newEntity(doc, span.words.join(' '), 'person');
      people.push(entity);
      entities.set(entity.key, entity);
    }
    linkSpan(entity, span);
  }

  for (const span of all) {
    if (span.entity || (span.kind !== 'organisation' && span.kind !== 'place')) continue;
    const canonical = span.words.join(' ');
    const key = `${doc}:${canonical.toLowerCase()}`;
    const entity = entities.get(key) ?? newEntity(doc, canonical, span.kind);
    // "US" reads as an acronym in one sentence and a place in the next: a place it is.
    if (span.kind === 'place') entity.kind = 'place';
    entities.set(key, entity);
    linkSpan(entity, span);
  }

  // One-word names: a surname or given name of exactly one full name, else a person of their own if titled.
  for (const span of all) {
    if (span.entity || span.words.length !== 1) continue;
    const word = span.words[0] ?? '';
    const hint = titleGender(span);
    let fits = people.filter((p) => p.canonical.split(' ').slice(-1)[0] === word);
    if (fits.length === 0) fits = people.filter((p) => p.canonical.split(' ').includes(word));
    // Only a title speaks to gender here: dictionaries of first names are wrong too often (a "Mr" may bear a name the dictionary calls female).
    if (hint) fits = fits.filter((p) => p.mentions.every((m) => (titleGender(m) ?? hint) === hint));
    if (fits.length === 1 && fits[0]) {
      linkSpan(fits[0], span);
      continue;
    }
    if (fits.length > 1) continue;
    if (span.kind === 'person' && (span.title.length > 0 || span.personLike)) {
      const key = `${doc}:${word.toLowerCase()}`;
      const entity = entities.get(key) ?? newEntity(doc, word, 'person');
      entities.set(key, entity);
      linkSpan(entity, span);
    }
  }

  for (const entity of entities.values()) {
    if (entity.kind !== 'person') continue;
    const hints = new Set(entity.mentions.map(titleGender).filter((g): g is Gender => g !== null));
    entity.gender =
      hints.size === 1 ? ([...hints][0] ?? null) : hints.size === 0 ? genderFromNames(entity) : null;
    const surname = entity.canonical.split(' ').slice(-1)[0] ?? entity.canonical;
    const shortForms = entity.mentions.filter((m) => m.words.length === 1).map((m) => m.words[0] ?? '');
    for (const short of new Set([surname, ...shortForms])) {
      entity.aliases.add(short);
      if (entity.gender === 'male') entity.aliases.add(`Mr ${short}`);
      if (entity.gender === 'female') entity.aliases.add(`Ms ${short}`);
    }
  }

  const registry: ArticleRegistry = { doc, paragraphs, entities, outerSpans, spans: all };
  const rank = new Map<RegistryEntity, number>();
  for (const span of all) {
    const entity = span.entity ? entities.get(span.entity) : undefined;
    if (!entity) continue;
    const found = rolesAt(registry, entity, span);
    if (found && found.rank > (rank.get(entity) ?? 0)) {
      entity.role = found.role;
      rank.set(entity, found.rank);
    }
  }
  return registry;
}
