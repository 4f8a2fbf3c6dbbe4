// Reading the role the text gives a name: a title ("Sen."), role words right before it ("Harbour Board
// spokesman"), a phrase set off by a comma before it ("Doe's attorney, Ana Ruiz,") or an apposition after
// it (", director of Foo,"). Only reads tokens and returns what it found: the registry records the roles.
import type { AnalysedParagraph } from './analysed-paragraphs.js';
import type { EntityKind, NameSpan } from './name-spans.js';
import type { Token } from './paragraph-tokens.js';
import {
  hasAny,
  isPersonNoun,
  isRoleNoun,
  lexiconTags,
  looksProper,
  NEVER_IN_NAME,
  opensName,
  qualifiesRole,
  shortAsideEnd,
  stripDot,
} from './token-classes.js';
import {
  COURTESY_TITLES,
  ARTICLES,
  HONORIFICS,
  NOT_AN_APPOSITION,
  PHRASE_OPENERS,
  POSSESSIVE_PRONOUNS,
  PREPOSITIONS,
  RELATIVES,
  TITLE_EXPANSIONS,
} from './word-lists.js';

/** Words read back from a comma for the noun phrase before it ("a spokeswoman for the Port Authority,"). */
const PHRASE_BEFORE_COMMA_REACH = 12;
/** Parts of speech of a word that can qualify a role noun before a name ("Fire Chief", "Harbour master"). */
const QUALIFIER_TAGS = ['Noun', 'Singular', 'Plural', 'Adjective'];
/** How far back from a name role words are read ("Spanish opposition leader Ana Ruiz"): the noun and six more. */
const ROLE_BEFORE_NAME_REACH = 7;
/** Tokens an apposition is scanned through for its closing comma: longer, it is a clause, not a role. */
const APPOSITION_SCAN = 24;
/** Tokens an apposition may hold and still be read as a role. */
const MAX_APPOSITION_TOKENS = 22;

/**
 * "Doe’s attorney, Ana Ruiz, said", "A spokeswoman for Foo, Ana Ruiz,": a noun phrase naming someone's
 * part, set off by a comma right before the name (or before a role word that opens it), with the name closing
 * the apposition. `from` is where that role word or the name starts. Returns the phrase's tokens.
 */
export function commaRoleBefore(tokens: readonly Token[], from: number, last: number): Token[] | null {
  const comma = from - 1;
  const after = tokens[last + 1];
  if (tokens[comma]?.text !== ',' || (after && !/^[,.;:!?)]$/u.test(after.text))) return null;
  const phrase = phraseBefore(tokens, comma);
  const start = phrase.findIndex((t) => PHRASE_OPENERS.has(t.lower) || t.possessive);
  if (start < 0) return null;
  // A capitalised owner before a possessive belongs to it: "Marion County’s prosecutor".
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
  for (let k = comma - 1; k >= Math.max(0, comma - PHRASE_BEFORE_COMMA_REACH); k--) {
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
  for (let k = first - 2; k >= Math.max(0, first - ROLE_BEFORE_NAME_REACH); k--) {
    const t = tokens[k];
    if (!t || t.kind !== 'word' || PREPOSITIONS.has(t.lower)) break;
    if (t.capitalised) {
      // A sentence's first word is capitalised whatever it is: it belongs to the role if it is a word
      // that qualifies one ("Fire Chief X", "Harbour master X"), not if it opens the clause ("Yesterday").
      // The tagger reads such a word in context as a verb ("Fire", "Harbour"): the dictionary decides.
      const qualifies =
        !t.tags.has('ProperNoun') && hasAny([...t.tags, ...lexiconTags(t.lower)], QUALIFIER_TAGS);
      if (t.sentenceInitial && !looksProper(t) && !opensName(t, tokens[k + 1]) && !qualifies) break;
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
  // "Ana Ruiz, 51, the company’s finance chief,", "Sen. Ana Ruiz, D-Ore., the bill's sponsor,": the age or
  // the party tag is an aside, the role follows it.
  const aside = shortAsideEnd(tokens, last + 2);
  const startIndex = aside > last + 2 && tokens[aside]?.text === ',' ? aside + 1 : last + 2;
  let end = startIndex;
  while (end < tokens.length && end - startIndex <= APPOSITION_SCAN) {
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
  if (!opener || phrase.length > MAX_APPOSITION_TOKENS) return null;
  if (opener.lower === 'who') return roleBecome(phrase, text, end - 1);
  if (NOT_AN_APPOSITION.has(opener.lower)) return null;
  // "a nurse who had waited an hour": the role is what comes before the relative clause.
  const relative = phrase.findIndex((t) => RELATIVES.has(t.lower));
  const role = relative > 0 ? phrase.slice(0, relative) : phrase;
  const hasVerb = role.some(
    (t, k) =>
      t.kind === 'word' &&
      !t.capitalised &&
      t.tags.has('Verb') &&
      !t.tags.has('Noun') &&
      !t.tags.has('Adjective') &&
      !t.tags.has('Gerund') &&
      !nounAfterDeterminer(role, k),
  );
  // A role word, or a described noun phrase (", a nurse who …", ", the union’s negotiator,"); after "a" or
  // "an", a capitalised noun too (", a Democrat,", ", an Australian,"): no one's name takes that article.
  const indefinite = opener.lower === 'a' || opener.lower === 'an';
  const described =
    ARTICLES.has(opener.lower) && role.some((t) => t.tags.has('Noun') && (!t.capitalised || indefinite));
  if (hasVerb || !(role.some((t) => isPersonNoun(t)) || described)) return null;
  const lastWord = role[role.length - 1];
  if (!lastWord) return null;
  return { role: text.slice(opener.start, lastWord.end), end: end - 1 };
}

/**
 * "the Roe campaign", "the Kemp administration": a word after a determiner and the names that modify it
 * is a noun, though the tagger reads the name as a subject and the word as its verb.
 */
function nounAfterDeterminer(phrase: readonly Token[], k: number): boolean {
  let j = k - 1;
  while (j >= 0 && phrase[j]!.capitalised) j -= 1;
  return j < k - 1 && j >= 0 && ARTICLES.has(phrase[j]!.lower);
}

// ", who became chief executive of Acme in June": the verbs that give a role, and the words that end it.
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

/** How much a role found at one mention says: an apposition most, a role word before the name less, a title least. */
const RANK = { title: 1, before: 2, apposition: 3 } as const;

/** The roles read at one mention of a name: every text to record, in order, and the best with its rank. */
export interface RolesAtMention {
  /** Role texts to record for the entity, in the order found (a title both as written and written out). */
  texts: string[];
  best: { role: string; rank: number } | null;
}

/**
 * A name's title as role texts to record, and the role it gives, written out ("Sen" → "Senator"); no role
 * when the title is only courtesy ("Dr", "Sir", "Ms"), which says how to address someone, not what they do.
 */
function titleRole(span: NameSpan): { texts: string[]; role: string | null } {
  const lowers = span.title.map(stripDot);
  if (lowers.length === 0 || lowers.every((t) => HONORIFICS.has(t))) return { texts: [], role: null };
  const asWritten = span.title.join(' ');
  if (lowers.every((t) => COURTESY_TITLES.has(t))) return { texts: [asWritten], role: null };
  const written = span.title.map((t, i) => TITLE_EXPANSIONS.get(lowers[i]!) ?? t).join(' ');
  return { texts: [asWritten, written], role: written };
}

/**
 * The roles the text gives a name at one mention of an entity of `kind`, and the best of them with its rank
 * (see RANK). Null for a mention inside a quote, and for a place, which has no role.
 */
export function rolesAt(
  analysed: AnalysedParagraph | undefined,
  span: NameSpan,
  kind: EntityKind,
): RolesAtMention | null {
  if (!analysed || span.stream !== -1 || kind === 'place') return null;
  const texts: string[] = [];
  let best: { role: string; rank: number } | null = null;
  const title = titleRole(span);
  texts.push(...title.texts);
  if (title.role) best = { role: title.role, rank: RANK.title };
  const tokens = analysed.outer;
  const before = roleBefore(analysed, tokens, span.first);
  // "A court-appointed receiver, attorney Ana Ruiz": both are recorded; the words next to the name win.
  // Only people: "a bookkeeper at Doe’s firm, Doe Wealth Partners," is about the bookkeeper.
  const comma = kind === 'person' && commaRoleBefore(tokens, before?.start ?? span.first, span.last);
  const set = comma && rolePhraseText(analysed.paragraph.text, comma);
  if (set) {
    texts.push(set);
    best = { role: set, rank: RANK.before };
  }
  if (before) {
    texts.push(before.role);
    best = { role: before.role, rank: RANK.before };
  }
  const apposition = appositionAfter(analysed.outer, span.last, analysed.paragraph.text);
  if (apposition) {
    texts.push(apposition.role);
    best = { role: apposition.role, rank: RANK.apposition };
  }
  return { texts, best };
}
