// Finding the names in a paragraph's tokens: maximal runs of capitalised words, each classified as a person,
// an organisation, a place or unknown, with any title before the name split off. The registry (registry.ts)
// then links these spans to the entities they name; nothing here knows about other paragraphs except the
// name words already found, which let a sentence open with a surname.
import { isFirstName } from './first-names.js';
import { knowsVerb, knowsWord } from '../language/wordnet.js';
import type { AnalysedParagraph } from './analysed-paragraphs.js';
import { sentenceIdAt } from './analysed-paragraphs.js';
import type { Token } from './paragraph-tokens.js';
import { commaRoleBefore } from './roles.js';
import {
  ACRONYM,
  AGE,
  hasAny,
  INITIAL,
  lexiconTags,
  looksProper,
  NAME_TAGS,
  opensName,
  PARTY_TAG,
  PLACE_TAGS,
  stripDot,
} from './token-classes.js';
import {
  CORPORATE_SUFFIX,
  DOCUMENT_SUFFIXES,
  HONORIFICS,
  MONTH_NAMES,
  MONTHS,
  NAME_CONNECTORS,
  NAMESAKE_TITLES,
  ORG_SUFFIXES,
  PERSON_NOUNS,
  POST_NOMINALS,
  ROLE_NOUNS,
  TITLE_MODIFIERS,
  TITLES,
  WEEKDAYS,
} from './word-lists.js';

/** What a named thing is. Places only become speakers (as organisations) when the text has them speak. */
export type EntityKind = 'person' | 'organisation' | 'place';

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

const OF_OPENERS = new Set([...ORG_SUFFIXES, ...TITLES.keys()]);
/** A person noun must come within this many tokens of the name in ", the Acme site manager,". */
const PERSON_FOLLOWS_REACH = 8;
/** Marks that open a quote: the word after one starts a sentence, whatever the tagger made of it. */
const OPENING_MARKS = new Set(['“', '‘', '"', "'", '«']);
/** Dictionary tags of words that are never names: prepositions, determiners, conjunctions, pronouns. */
const FUNCTION_WORD_TAGS = new Set(['Preposition', 'Determiner', 'Conjunction', 'Pronoun']);
/** Words joining a role to what it is a role of ("Chief of Staff", "Minister for Housing"). */
const ROLE_CONNECTORS: ReadonlySet<string> = new Set(['of', 'for']);
/** "Texas-based", "Lagos-born": a place made a modifier of the person after it. */
const BASED = /-(?:based|born)$/u;
/** Tokens after a capitalised place a dateline's dash may come ("KAMPALA, Sept 12 (Wire) -"). */
const DATELINE_REACH = 14;

function isNameWord(
  token: Token | undefined,
  next: Token | undefined,
  known: ReadonlySet<string>,
  previous?: Token,
): boolean {
  if (!token || token.kind !== 'word' || !token.capitalised) return false;
  if (token.tags.has('Pronoun') || /^I(['’]|$)/u.test(token.text)) return false;
  // "Ask Roe about it": an imperative opening a sentence before a word of a name found elsewhere in the
  // article is a verb, whatever "Harbour Board" teaches opensName.
  if (
    token.sentenceInitial &&
    token.tags.has('Imperative') &&
    knowsVerb(token.lower) &&
    !known.has(token.text) &&
    next?.kind === 'word' &&
    known.has(next.text)
  )
    return false;
  if (
    token.sentenceInitial &&
    !looksProper(token) &&
    !opensName(token, next) &&
    !known.has(token.text) &&
    !unknownBeforeName(token, next)
  )
    return false;
  // "Mr Friday Roe": a weekday between a title and a name is a given name.
  const given =
    !!previous && TITLES.has(stripDot(previous.text)) && next?.kind === 'word' && next.capitalised;
  if (WEEKDAYS.has(token.lower) && !given) return false;
  // "‘For Tom, …’" opening a quote inside a quote: a word the dictionary has as a function word opens no
  // name where a sentence starts, or where the tagger did not read it as a name ("Al From" it did). A word
  // in capitals is left alone ("US" is a place).
  const functionWord = lexiconTags(token.lower).some((tag) => FUNCTION_WORD_TAGS.has(tag));
  if (
    functionWord &&
    /^\p{Lu}\p{Ll}/u.test(token.text) &&
    (token.sentenceInitial || OPENING_MARKS.has(previous?.text ?? '') || !token.tags.has('ProperNoun')) &&
    !NAME_CONNECTORS.has(token.lower)
  )
    return false;
  // A month is a date, not a name, when a number stands next to it ("March 3"); "May" is not read so here.
  const month = MONTH_NAMES.has(token.lower) && token.lower !== 'may';
  if (month && next?.kind === 'word' && /^\d/u.test(next.text)) return false;
  return true;
}

/**
 * "Dafydd Roe equalised": a sentence's first word that no dictionary knows at all, before a word the
 * tagger reads as a name, opens the name, whatever tag its ending earned it ("Dafydd" read as anything but a name).
 */
function unknownBeforeName(token: Token, next: Token | undefined): boolean {
  return (
    !!next?.capitalised &&
    next.tags.has('ProperNoun') &&
    lexiconTags(token.lower).length === 0 &&
    !knowsWord(token.lower)
  );
}

/** A word the tagger or the dictionary reads as part of a person's name. */
const personal = (t: Token): boolean =>
  t.tags.has('Person') || t.tags.has('FirstName') || isFirstName(t.lower);

/** Words of at least this many letters are all capitalised in a headline written in title case. */
const TITLE_CASE_LETTERS = 4;
/** A unit needs this many such words before its capitals say it is a headline rather than names. */
const TITLE_CASE_WORDS = 5;

/**
 * The units written in title case ("Ted Cruz Hints Rival Would Get Wall Contract"): a live blog's
 * subheadings and headlines left in the text. Every longer word is capitalised there, names or not.
 */
function titleCaseUnits(tokens: readonly Token[]): Set<number> {
  const longWords = new Map<number, { all: number; capitalised: number }>();
  for (const t of tokens) {
    if (t.kind !== 'word' || t.text.length < TITLE_CASE_LETTERS) continue;
    const count = longWords.get(t.unit) ?? { all: 0, capitalised: 0 };
    count.all += 1;
    if (t.capitalised) count.capitalised += 1;
    longWords.set(t.unit, count);
  }
  return new Set(
    [...longWords].filter(([, c]) => c.all >= TITLE_CASE_WORDS && c.capitalised === c.all).map(([u]) => u),
  );
}

/** A word the dictionary has, and only as a common word: in a title-case headline, no part of a name. */
function commonWord(token: Token): boolean {
  if (INITIAL.test(token.text)) return false;
  const tags = lexiconTags(token.lower);
  return tags.length > 0 && !tags.some((tag) => NAME_TAGS.has(tag));
}

/**
 * Maximal runs of capitalised words, joined by name particles ("de", "van") or by "of" after a title or org
 * word. `known` holds words of names already found elsewhere in the article, so "Obi said" at the start of a
 * sentence is still a name.
 */
function nameRuns(tokens: readonly Token[], known: ReadonlySet<string>): { first: number; last: number }[] {
  const runs: { first: number; last: number }[] = [];
  const headlines = titleCaseUnits(tokens);
  const nameWord = (k: number): boolean =>
    isNameWord(tokens[k], tokens[k + 1], known, tokens[k - 1]) &&
    !(headlines.has(tokens[k]!.unit) && commonWord(tokens[k]!));
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
        // "St Mary’s Hospital" is one name; "Spain’s Ana Ruiz" and "Portugal’s Environment Ministry" are two.
        let end = last + 1;
        while (nameWord(end) && !tokens[end]?.possessive && nameWord(end + 1)) end += 1;
        const owner = tokens[last];
        const place =
          !!owner && (hasAny(owner.tags, PLACE_TAGS) || hasAny(lexiconTags(owner.lower), PLACE_TAGS));
        if (!place && nameWord(end) && ORG_SUFFIXES.has(stripDot(tokens[end]?.text ?? ''))) {
          last = end;
          continue;
        }
        break;
      }
      // "Jane Roe KC, for the company": letters after a full name are no part of it.
      if (last > i && POST_NOMINALS.has(next?.text ?? '')) break;
      if (nameWord(last + 1) && next?.quote === tokens[last]?.quote) {
        last += 1;
        continue;
      }
      // "Dr. Ana Ruiz", "Sen. Thomas Reed": a title's full stop is part of the name, not its end.
      // "Marc E. Elias", "M. Dane Waters": an initial's full stop is inside the name too.
      const stopInside =
        TITLES.has(stripDot(tokens[last]?.text ?? '')) || INITIAL.test(tokens[last]?.text ?? '');
      if (next?.text === '.' && stopInside && nameWord(last + 2)) {
        last += 2;
        continue;
      }
      // "Institute for Fiscal Studies", "Ministry for Ecological Transition": "for" after an organisation's
      // word joins its name as "of" does.
      // "Zentford & District Angling Club": an ampersand, a mark not a word, joins two names into one.
      const joinable =
        (next?.kind === 'word' || next?.text === '&') &&
        (NAME_CONNECTORS.has(next.lower) ||
          (next.lower === 'of' && OF_OPENERS.has(stripDot(tokens[last]?.text ?? ''))) ||
          (next.lower === 'for' && ORG_SUFFIXES.has(stripDot(tokens[last]?.text ?? ''))));
      if (joinable && nameWord(last + 2)) {
        last += 2;
        continue;
      }
      // "Market Men and Women Association", "Department of Health and Human Services": "and" joins words
      // into one organisation's name when the name goes on to an organisation's last word and no person is
      // named before it ("Jane Roe and Acme Holdings" are two).
      if (next?.lower === 'and' && nameWord(last + 2) && !tokens.slice(i, last + 1).some(personal)) {
        let end = last + 2;
        while (nameWord(end + 1) && tokens[end + 1]?.quote === tokens[end]?.quote) end += 1;
        if (ORG_SUFFIXES.has(stripDot(tokens[end]?.text ?? ''))) {
          last = end;
          continue;
        }
      }
      break;
    }
    runs.push({ first: i, last });
    // The letters after it are skipped with it: "KC" alone is no body's name.
    const postNominal = last > i && POST_NOMINALS.has(tokens[last + 1]?.text ?? '');
    i = postNominal ? last + 2 : last + 1;
  }
  return runs;
}

/**
 * "Mayor Don Guardian", "Ms Church": a surname that is also a word ending organisations' names, after "Mr"
 * or "Ms", or after a title of office and a first name. Titles of crown and church are left out:
 * institutions are named after such people ("Prince Charles Hospital", "Bishop Fisher College").
 */
function titledPerson(lowers: readonly string[]): boolean {
  if (lowers.length < 2) return false;
  if (HONORIFICS.has(lowers[0] ?? '') && lowers.length <= 3) return true;
  const given = lowers[lowers.length - 2] ?? '';
  const titled = lowers.slice(0, -2).some((w) => isTitle(w) && !NAMESAKE_TITLES.has(w));
  return titled && isFirstName(given);
}

/** "Lord Mayor", "Chief Constable", "Mayor": capitalised words that are all titles or role nouns name a role. */
export function roleInCapitals(words: readonly string[]): boolean {
  return (
    words.length > 0 &&
    words.every((word) => {
      const lower = stripDot(word);
      return isTitle(lower) || ROLE_NOUNS.has(lower) || TITLE_MODIFIERS.has(lower);
    })
  );
}

/** A title, or a hyphenated one ending in a title ("Sub-Inspector", "Vice-Admiral", "Lieutenant-Colonel"). */
function isTitle(lower: string): boolean {
  return TITLES.has(lower) || (lower.includes('-') && TITLES.has(lower.slice(lower.lastIndexOf('-') + 1)));
}

interface Classified {
  title: string[];
  words: string[];
  kind: EntityKind | 'unknown' | 'none';
  personLike: boolean;
}

function classifyRun(tokens: readonly Token[], first: number, last: number): Classified {
  // An ampersand stays in the name ("Zentford & District Angling Club").
  const inName = (t: Token) => t.kind === 'word' || t.text === '&';
  const run = tokens.slice(first, last + 1).filter(inName);
  // An initial keeps its full stop, so the name reads as written ("Marc E. Elias").
  const texts = tokens.slice(first, last + 1).flatMap((t, k) =>
    !inName(t)
      ? []
      : INITIAL.test(t.text) && tokens[first + k + 1]?.text === '.'
        ? [`${t.text}.`]
        : // "District Attorney's Office", "Workers' Union": a possessive inside a name is part of it.
          t.possessive && first + k < last
          ? [t.end - t.start === t.text.length + 1 ? `${t.text}'` : `${t.text}'s`]
          : [t.text],
  );
  const lowers = texts.map(stripDot);
  const whole = lowers.join(' ');
  // "the Lord Mayor said": a role in capitals is someone described, whom the text may name elsewhere.
  if (texts.length >= 2 && roleInCapitals(texts))
    return { title: [], words: texts, kind: 'unknown', personLike: false };
  const suffixOf = lowers.some((w, k) => ORG_SUFFIXES.has(w) && ['of', 'for'].includes(lowers[k + 1] ?? ''));
  if (
    (ORG_SUFFIXES.has(lowers[lowers.length - 1] ?? '') && !titledPerson(lowers)) ||
    // "Roe Freight Systems": a name that ends like a business's is one, of two words or more.
    (lowers.length >= 2 && CORPORATE_SUFFIX.test(whole)) ||
    suffixOf ||
    hasAny(lexiconTags(whole), ['Organization'])
  ) {
    // "South Korea-based Korvane Cell Co.": where a firm is based is no part of its name.
    const based = lowers.findLastIndex((w) => BASED.test(w)) + 1;
    return {
      title: texts.slice(0, based),
      words: texts.slice(based),
      kind: 'organisation',
      personLike: false,
    };
  }
  // A lone month ("since January") is a date, and "… Act" or "… Regulation" a law: neither is anyone's name.
  if (lowers.length === 1 && MONTHS.has(whole))
    return { title: [], words: texts, kind: 'none', personLike: false };
  if (lowers.length >= 2 && DOCUMENT_SUFFIXES.has(lowers[lowers.length - 1] ?? ''))
    return { title: [], words: texts, kind: 'none', personLike: false };
  // The title runs to the last title word that still leaves a name after it ("Secretary of State Ana Ruiz").
  let cut = 0;
  for (let k = 0; k < lowers.length - 1; k++) if (isTitle(lowers[k] ?? '')) cut = k + 1;
  if (!lowers.slice(0, cut).some((w) => isTitle(w) && !TITLE_MODIFIERS.has(w))) cut = 0;
  if (cut === 0) cut = roleWordsCut(run, lowers);
  // "Chief of Staff Ana Ruiz", "Speaker of the House Ana Ruiz": the role's own "of …" is part of the title.
  while (cut > 0 && ROLE_CONNECTORS.has(lowers[cut] ?? '')) {
    const next = lowers[cut + 1] === 'the' ? cut + 3 : cut + 2;
    if (next >= lowers.length) break;
    cut = next;
  }
  const title = texts.slice(0, cut);
  const words = texts.slice(cut);
  const nameTokens = run.slice(cut);
  const joined = words.join(' ').toLowerCase();
  const lastToken = nameTokens[nameTokens.length - 1];
  if (words.length === 0 || !lastToken) return { title, words, kind: 'none', personLike: false };

  const lastLower = stripDot(lastToken.text);
  const isAcronym = words.length === 1 && ACRONYM.test(words[0] ?? '');
  const personTitle = title.length > 0;
  const firstIsFirstName = isFirstName(nameTokens[0]?.lower ?? '');
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
  // "Texas-based Ana Ruiz": where someone works from says what they are, as a role word does.
  for (let k = 0; k < lowers.length - 1; k++)
    if (ROLE_NOUNS.has(lowers[k] ?? '') || BASED.test(lowers[k] ?? '')) cut = k + 1;
  const rest = run.slice(cut);
  if (cut > 0 && rest.length >= 2) {
    const firstName = isFirstName(rest[0]?.lower ?? '');
    if (firstName || unfamiliarWords(rest)) return cut;
  }
  return openerRoleCut(run);
}

/**
 * "Substitute Jan Zawada said", "by City Engineer Imre Halasz": common English words (WordNet has
 * them, the tagger does not read them as names) before a first name and a surname are a role, capitalised
 * only as a title or by where they stand. How many words the role takes, 0 for none.
 */
function openerRoleCut(run: readonly Token[]): number {
  // (Any capitalised word inside a sentence is a proper noun to the tagger, so only its name tags count.)
  const common = (t: Token) =>
    !t.tags.has('FirstName') && !hasAny(lexiconTags(t.lower), [...NAME_TAGS]) && knowsWord(t.lower);
  // A first name: so tagged, or a person's word the dictionary has only as a name, if at all ("Imre").
  const firstName = (t: Token) =>
    t.tags.has('FirstName') ||
    isFirstName(t.lower) ||
    (t.tags.has('Person') && lexiconTags(t.lower).every((tag) => NAME_TAGS.has(tag)));
  // The cheap tests first: WordNet is asked only about the words before a first name, or the opener.
  const named = run.findIndex((t, k) => k >= 1 && k <= run.length - 2 && firstName(t));
  if (named > 0) return run.slice(0, named).every(common) ? named : 0;
  // A sentence's first word before a name the dictionary does not know at all, or a person's name.
  const [opener, second] = run;
  if (!opener?.sentenceInitial || opener.tags.has('ProperNoun') || !second || run.length < 3) return 0;
  if (!unfamiliarWords(run.slice(1)) && !second.tags.has('Person')) return 0;
  return run.slice(0, -2).every(common) ? 1 : 0;
}

/** Words the dictionary has not at all, or only as names. */
function unfamiliarWords(tokens: readonly Token[]): boolean {
  return tokens.every((t) => {
    const tags = lexiconTags(t.lower);
    return tags.length === 0 || hasAny(tags, [...NAME_TAGS]);
  });
}

/**
 * The name spans of one token stream of a paragraph (`stream` -1 for the text around quotes, else the quote's
 * index): runs found and classified, datelines dropped, and a surname read as an adjective kept when `surnames`
 * has it.
 */
export function spansOf(
  analysed: AnalysedParagraph,
  index: number,
  tokens: readonly Token[],
  stream: number,
  known: ReadonlySet<string>,
  surnames: ReadonlySet<string> = new Set(),
): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const run of nameRuns(tokens, known)) {
    if (isDateline(tokens, run.first, run.last) || isPartyTag(tokens, run.first)) continue;
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
 * "Sen. Jane Roe, D-Lake Ford, said", "Rep. Jane Roe (R-Ky.)": a party and state tag set off by a comma or a
 * bracket after a name labels the lawmaker; the run it opens (the state's other words too) names no one.
 */
function isPartyTag(tokens: readonly Token[], first: number): boolean {
  return PARTY_TAG.test(tokens[first]?.text ?? '') && ['(', ','].includes(tokens[first - 1]?.text ?? '');
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
 * person's role (", the Acme manager,"): organisations take "which", and have no age or job.
 */
function personFollows(tokens: readonly Token[], last: number): boolean {
  if (tokens[last + 1]?.text !== ',') return false;
  const next = tokens[last + 2];
  if (!next || next.kind !== 'word') return false;
  if (next.lower === 'who' || AGE.test(next.text)) return true;
  if (!['the', 'a', 'an'].includes(next.lower)) return false;
  for (let k = last + 3; k < Math.min(tokens.length, last + PERSON_FOLLOWS_REACH); k++) {
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
  for (let k = last + 1; k < Math.min(tokens.length, last + DATELINE_REACH); k++) {
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
