import type { Speaker } from '../quotes/quote-index.js';
import { contentTerms, stem, words } from './text-terms.js';

/**
 * What the answer engine reads of a person or organisation the articles name: the quote index's own
 * speaker, so that `/ask` and `/quote` know the same people by the same names.
 */
export type PersonProfile = Pick<Speaker, 'canonical' | 'kind' | 'aliases' | 'role' | 'mentions' | 'spoke'>;

/** What a question is after: "what did X say", "who is X", or anything else. */
export type QuestionIntent = 'said' | 'identity' | 'summary' | 'other';

/** A person the question refers to, and how sure the match is (1 = named outright). */
export interface PersonMatch {
  person: PersonProfile;
  confidence: number;
}

export interface QuestionFocus {
  intent: QuestionIntent;
  people: PersonMatch[];
  /** Whose words a "what did X say" question asks for, when X is someone the articles name. */
  subject?: PersonMatch;
  /** The X of "what did X say", as typed, whether or not the articles name X. */
  subjectPhrase?: string;
}

// Verbs of saying and thinking: the question wants the person's own words.
const SAID =
  /\b(say|says|said|saying|tell|tells|told|think|thinks|thought|believe|believes|claim|claims|argue|argues|argued|warn|warns|warned|call(?:ed|s)? for|describe[sd]?|comment(?:ed|s)?|respond(?:ed|s)?|react(?:ed|s)?|view|opinion|stance|position)\b/i;
// "What did X say", "what does X think about …", "has X called for …": X is the phrase before the verb.
const SUBJECT_OF_SAYING =
  /\b(?:did|does|do|has|have|had|would|will|could|can|is|was)\s+(.+?)\s+(?:say|tell|think|believe|claim|argue|warn|call|describe|comment|respond|react|want|mean|suggest|propose|fear|predict|promise|accuse|deny|admit|announce|feel|expect|hope|urge|demand)(?:s|ed|ing)?\b/i;
// "What is the article about", "summarise it": the question wants the gist, i.e. the lede.
const SUMMARY =
  /\b(summar(?:y|ise|ize)|gist|tl;?dr|main points?|(?:what|which)(?:'s|’s| is| are)? (?:this|that|the|these) (?:article|story|news|piece|report)s?(?: (?:about|say))?)\b/i;
// "Who is X", "who's X", "what does X do", "where does X work": the question wants the apposition.
const IDENTITY =
  /^(who(?:'s|’s| is| was| are)\b|what (?:is|was) (?:the )?(?:job|role|title|position)\b|what does .+ do\b|where does .+ work\b)/i;

const SPEECH_TERMS = new Set(
  'say tell think believe claim argue warn call describe comment respond react view opinion stance position want mean suggest propose fear predict promise accuse deny admit announce feel expect hope urge demand'
    .split(' ')
    .map(stem),
);

/** True for the stemmed verbs and nouns of saying ("say", "told", "view"), which name no topic. */
export function isSpeechTerm(term: string): boolean {
  return SPEECH_TERMS.has(term);
}

/** A person's names and role, tokenised once so that matching a question costs lookups, not scans. */
interface PreparedPerson {
  person: PersonProfile;
  /** Each alias as its lowercase words joined by spaces. */
  aliasTexts: string[];
  roleHead: string | undefined;
  roleTerms: string[];
  /**
   * Stemmed terms of the role and the names, for checking a subject phrase's modifiers: see `knownTerms`,
   * which fills it for the few people a question matches rather than for everyone at every build.
   */
  knownTerms?: Set<string>;
}

/** The stemmed terms of a person's role and names (kept on `prepared` once made). */
function knownTerms(prepared: PreparedPerson): Set<string> {
  const { role, aliases } = prepared.person;
  return (prepared.knownTerms ??= new Set(contentTerms([role ?? '', ...aliases].join(' '))));
}

/** What matching reads of a role, which many people share ("spokesman", "chief executive"). */
interface PreparedRole {
  head: string | undefined;
  /** Its distinct content terms. */
  terms: string[];
}

function prepareRole(role: string): PreparedRole {
  return { head: roleHead(role), terms: [...new Set(contentTerms(role))] };
}

/** More people than this matching a question by role means the role names nobody in particular. */
const MAX_ROLE_MATCHES = 20;

/** Longest alias, in words, looked up in a question; names are rarely longer. */
const MAX_ALIAS_WORDS = 6;

/**
 * Finds which people a question is about, from the names, aliases and roles the articles give
 * (nothing about any particular article is built in), and whether it asks what they said or who they
 * are. Built once per index; each question is matched by looking up its word n-grams and role terms.
 */
export class PeopleMatcher {
  readonly #byAlias = new Map<string, PreparedPerson[]>();
  readonly #byRoleTerm = new Map<string, PreparedPerson[]>();
  readonly #byName = new Map<string, PersonProfile>();
  /** People who speak and have a role: those an organisation may speak through (see #spokesperson). */
  readonly #roleSpeakers: PreparedPerson[] = [];
  /**
   * The role speakers by each run of words in their role ("White House spokesman" → "white house", …),
   * made when first needed: few questions ask what a silent organisation said, and at 10,000 articles
   * the map held over a million entries that every build made again.
   */
  #speakersByRoleWords: Map<string, PreparedPerson[]> | undefined;

  /**
   * `resolveName` is the quote index's own name lookup (aliases, titles, typos), so that `/ask` finds the
   * X of "what did X say" exactly as `/quote X` would.
   */
  constructor(
    people: readonly PersonProfile[],
    private readonly resolveName: (name: string) => string | null = () => null,
  ) {
    for (const person of people) this.#byName.set(person.canonical, person);
    // Each distinct role is tokenised and stemmed once: at a thousand articles thousands of people share a
    // few hundred roles.
    const roles = new Map<string, PreparedRole>();
    for (const person of people) {
      const aliasTexts = [...new Set(person.aliases.map(aliasText).filter(Boolean))];
      let role: PreparedRole | undefined;
      if (person.role) {
        role = roles.get(person.role);
        if (!role) roles.set(person.role, (role = prepareRole(person.role)));
      }
      const roleTerms = role?.terms ?? [];
      const prepared: PreparedPerson = { person, aliasTexts, roleHead: role?.head, roleTerms };
      for (const text of aliasTexts) push(this.#byAlias, text, prepared);
      for (const term of roleTerms) push(this.#byRoleTerm, term, prepared);
      if (role && person.spoke.length > 0) this.#roleSpeakers.push(prepared);
    }
  }

  /** Whether `term` is a word of someone's role ("attorney" of "District Attorney Jane Roe"). */
  isRoleTerm(term: string): boolean {
    return this.#byRoleTerm.has(term);
  }

  /**
   * The people a question names or describes, its intent, and the subject of a "what did X say". `near`
   * gives, for a question term, the article terms near it in meaning, so that a role can be asked for in
   * other words ("the prosecutor" for a district attorney).
   */
  find(question: string, near: ReadonlyMap<string, readonly string[]> = new Map()): QuestionFocus {
    const questionWords = words(question);
    const ownTerms = new Set(contentTerms(question));
    const questionTerms = new Set(ownTerms);
    for (const term of ownTerms) for (const n of near.get(term) ?? []) questionTerms.add(n);
    const confidence = new Map<PreparedPerson, number>();

    for (let start = 0; start < questionWords.length; start++) {
      for (let n = 1; n <= MAX_ALIAS_WORDS && start + n <= questionWords.length; n++) {
        for (const prepared of this.#byAlias.get(questionWords.slice(start, start + n).join(' ')) ?? []) {
          confidence.set(prepared, 1);
        }
      }
    }
    for (const term of questionTerms) {
      for (const prepared of this.#byRoleTerm.get(term) ?? []) {
        if (confidence.get(prepared) === 1) continue;
        confidence.set(
          prepared,
          Math.max(confidence.get(prepared) ?? 0, roleMatch(prepared, questionTerms, ownTerms)),
        );
      }
    }

    let matches = [...confidence]
      .filter(([, c]) => c >= 0.5)
      .sort((a, b) => b[1] - a[1])
      .map(([prepared, c]) => ({ prepared, match: { person: prepared.person, confidence: c } }));
    // A role that many people hold ("the president", across a thousand articles) names nobody in
    // particular: then only people named outright count.
    if (matches.length > MAX_ROLE_MATCHES) matches = matches.filter((m) => m.match.confidence === 1);

    const intent: QuestionIntent = SUMMARY.test(question)
      ? 'summary'
      : IDENTITY.test(question.trim())
        ? 'identity'
        : SAID.test(question)
          ? 'said'
          : 'other';
    const subjectPhrase = intent === 'said' ? SUBJECT_OF_SAYING.exec(question)?.[1] : undefined;
    const named = subjectPhrase
      ? (findSubject(subjectPhrase, matches, near) ?? this.#resolved(subjectPhrase))
      : undefined;
    const subject = named && this.#spokesperson(named);
    return {
      intent,
      people: matches.map((m) => m.match),
      ...(subject ? { subject } : {}),
      ...(subjectPhrase ? { subjectPhrase } : {}),
    };
  }

  /** The person the quote index's lookup finds for a phrase (a typo, a title), a little less sure than a name. */
  #resolved(phrase: string): PersonMatch | undefined {
    const name = this.resolveName(phrase.replace(/^(?:the|a|an)\s+/i, ''));
    const person = name === null ? undefined : this.#byName.get(name);
    return person ? { person, confidence: 0.9 } : undefined;
  }

  #indexRoleSpeakers(): Map<string, PreparedPerson[]> {
    const byRoleWords = new Map<string, PreparedPerson[]>();
    // Each distinct role is split once: thousands of people share a few hundred roles.
    const runsOf = new Map<string, string[]>();
    for (const prepared of this.#roleSpeakers) {
      const role = prepared.person.role!;
      let runs = runsOf.get(role);
      if (!runs) runsOf.set(role, (runs = [...new Set(wordRuns(words(role)))]));
      for (const run of runs) push(byRoleWords, run, prepared);
    }
    return byRoleWords;
  }

  /**
   * An organisation speaks through its spokespeople: when the subject never speaks itself but exactly
   * one person whose role names it does ("White House spokesman …"), that person's words answer for it.
   */
  #spokesperson(subject: PersonMatch): PersonMatch {
    if (subject.person.kind !== 'organisation' || subject.person.spoke.length > 0) return subject;
    const byRoleWords = (this.#speakersByRoleWords ??= this.#indexRoleSpeakers());
    const voices = new Set<PreparedPerson>();
    for (const alias of subject.person.aliases) {
      for (const prepared of byRoleWords.get(words(alias).join(' ')) ?? []) voices.add(prepared);
    }
    const [only, ...others] = voices;
    return only && others.length === 0 ? { person: only.person, confidence: subject.confidence } : subject;
  }
}

// A name of plain letters and digits between single spaces, whose words are itself in lower case.
const PLAIN_NAME = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/**
 * An alias as its lowercase words joined by spaces, as a question's n-grams are. Most names are plain
 * ("John Smith"), and lower-casing them gives the same text without the cost of splitting them into words:
 * a build at a thousand articles prepares some 20,000 aliases.
 */
function aliasText(alias: string): string {
  return PLAIN_NAME.test(alias) ? alias.toLowerCase() : words(alias).join(' ');
}

/** Every run of 1 to MAX_ALIAS_WORDS consecutive words, joined by spaces. */
function wordRuns(list: readonly string[]): string[] {
  const runs: string[] = [];
  for (let start = 0; start < list.length; start++) {
    for (let n = 1; n <= MAX_ALIAS_WORDS && start + n <= list.length; n++) {
      runs.push(list.slice(start, start + n).join(' '));
    }
  }
  return runs;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Which matched person a subject phrase names. In "the White House spokesman" the phrase's head is its
 * last word, so the person whose name ends the phrase, or whose role has that head noun, is the subject;
 * "White House" is only a modifier.
 */
function findSubject(
  phrase: string,
  matches: readonly { prepared: PreparedPerson; match: PersonMatch }[],
  near: ReadonlyMap<string, readonly string[]>,
): PersonMatch | undefined {
  const nounPhrase = phrase.split(/\s+(?:of|at|for|in|from|on|about)\s+/i)[0] ?? phrase;
  const head = contentTerms(nounPhrase).pop();
  const phraseTerms = contentTerms(phrase);
  const sameOrNear = (term: string, known: (t: string) => boolean) =>
    known(term) || (near.get(term) ?? []).some(known);
  // Names in a complement ("the chief executive of Acme") modify the subject; they are not it.
  const phraseText = ` ${words(nounPhrase).join(' ')} `;
  let best: { match: PersonMatch; rank: number } | undefined;
  for (const { prepared, match } of matches) {
    let rank = 0;
    for (const aliasText of prepared.aliasTexts) {
      if (!phraseText.includes(` ${aliasText} `)) continue;
      // A name inside the phrase but not ending it ("Doe's lawyer", "the White House spokesman")
      // modifies the subject: it is the subject only if nothing else in the phrase names someone.
      rank = Math.max(
        rank,
        phraseText.endsWith(` ${aliasText} `) ? 3 : head && aliasText.endsWith(head) ? 1 : 0,
      );
    }
    // A role names the subject only if it has the phrase's head and every other word the phrase adds
    // ("the transport secretary" is not "the union's general secretary").
    if (
      head &&
      sameOrNear(head, (t) => t === prepared.roleHead) &&
      phraseTerms.every((t) => sameOrNear(t, (u) => knownTerms(prepared).has(u)))
    ) {
      rank = Math.max(rank, 2);
    }
    if (
      rank > 0 &&
      (!best || rank > best.rank || (rank === best.rank && match.confidence > best.match.confidence))
    ) {
      best = { match, rank };
    }
  }
  return best?.match;
}

function roleHead(role: string): string | undefined {
  // The head of an English noun phrase is its last noun before any "of/at/for/in" complement.
  const beforeComplement = role.split(/\s+(?:of|at|for|in|with|from|on)\s+/i)[0] ?? role;
  return contentTerms(beforeComplement).pop();
}

/**
 * How well a question names a role: the role's head noun ("spokesman" in "White House spokesman",
 * "secretary" in "secretary of state") counts half, the share of the role's other terms the rest.
 */
function roleMatch(
  prepared: PreparedPerson,
  questionTerms: ReadonlySet<string>,
  ownTerms: ReadonlySet<string>,
): number {
  const { roleHead: head, roleTerms: terms } = prepared;
  if (!head || terms.length === 0) return 0;
  // A head found only through a word near it in meaning counts half: "minister" is near "president".
  const headHit = ownTerms.has(head) ? 0.5 : questionTerms.has(head) ? 0.25 : 0;
  const others = terms.filter((t) => t !== head);
  const share =
    others.length === 0
      ? headHit
        ? 1
        : 0
      : others.filter((t) => questionTerms.has(t)).length / others.length;
  return headHit ? headHit + 0.5 * share : 0.5 * share * (others.length >= 2 ? 1 : 0);
}
