import type { ExtractedQuote } from './extract-quotes.js';
import type { Token } from './paragraph-tokens.js';
import {
  isRoleNoun,
  lexiconTags,
  NAME_TAGS,
  appositionAfter,
  sentenceIdAt,
  speakerEntity,
  type ArticleRegistry,
  type Gender,
  type NameSpan,
  type RegistryEntity,
} from './people.js';
import {
  ADVERBIAL_OPENERS,
  ASIDE_OPENERS,
  BE_FORMS,
  CLAUSE_CONJUNCTIONS,
  CORPORATE_HEADS,
  CORPORATE_SUFFIX,
  DEFINITE,
  DETERMINERS,
  GENERIC_MODIFIERS,
  INVERTED_ONLY,
  INVERTIBLE,
  LEAD_SKIP,
  NOT_INVERTIBLE,
  PARTICIPLES,
  PREPOSITIONS,
  PRONOUNS,
  SKIPPABLE,
  SPEECH_NOUNS,
  SPOKES,
  SURE_VERBS,
} from './word-lists.js';

/** Why a quote went to its speaker (or, for an unattributed quote, which cue failed), strongest first. */
export type Evidence = 'attribution-after' | 'cue-before' | 'according-to' | 'colon' | 'continuation';

/** One quote with the registry key of its speaker, or null when the text does not say who spoke. */
export interface AttributedQuote {
  quote: ExtractedQuote;
  paragraphIndex: number;
  speaker: string | null;
  evidence: Evidence | null;
}

/** Quotes with their speakers, and for each speaker the sentences where they speak, quoted or reported. */
export interface ArticleAttribution {
  quotes: AttributedQuote[];
  spoke: Map<string, Set<string>>;
}

/** A speech cue found in a unit: a verb, a noun ("a call from X") or "according to". */
interface Cue {
  index: number;
  kind: 'verb' | 'noun' | 'according';
  speaker: string | null;
  /** First token of the speaker's noun phrase when it stands before the cue (or the cue itself). */
  npStart: number;
  inverted: boolean;
  /** A verb read as speech only for its that-clause ("X estimated that …"): a quoted title in it is no one's words. */
  clause?: boolean;
}

interface Subject {
  speaker: string | null;
  npStart: number;
  /** The subject sits right after a quote and the verb allows inversion: read the name after the verb. */
  afterQuote?: boolean;
}

interface NounPhrase {
  speaker: string | null;
  end: number;
  span: NameSpan | null;
  /** Spans of a coordinated subject ("Smith and Jones"): both salient, neither the speaker. */
  coordinated: NameSpan[];
  /** Someone the text does not name ("a spokesman", an unfamiliar word): no later "he" can skip past them. */
  opaque: boolean;
}

/** A point in the text where an entity was named or resolved: what a later "she" or "the minister" can mean. */
interface Event {
  token: number;
  unit: number;
  /** Registry key, or OPAQUE for a subject the text does not name. */
  entity: string;
  salient: boolean;
}

const OPAQUE = '?';

const isWord = (t: Token | undefined, ...forms: string[]): boolean =>
  t?.kind === 'word' && forms.includes(t.lower);
const isPunct = (t: Token | undefined, ...marks: string[]): boolean =>
  t?.kind === 'punct' && marks.includes(t.text);

/** Attribution over one article: a single pass in reading order, so resolution only looks backwards. */
class ArticleReader {
  private readonly events: Event[][];
  private readonly spanStart: Map<number, NameSpan>[];
  private readonly spanEnd: Map<number, NameSpan>[];
  private readonly salient = new Set<NameSpan>();
  private p = 0;
  private unitFrom = 0;
  private unitTo = 0;
  /** The current unit's main subject, read once (undefined until read). */
  private main: NounPhrase | null | undefined;

  constructor(private readonly registry: ArticleRegistry) {
    this.spanStart = registry.outerSpans.map((spans) => new Map(spans.map((s) => [s.first, s])));
    this.spanEnd = registry.outerSpans.map((spans) => new Map(spans.map((s) => [s.last, s])));
    this.events = registry.outerSpans.map((spans, p) =>
      spans.map((s) => ({
        token: s.first,
        unit: this.tokens(p)[s.first]?.unit ?? 0,
        entity: s.entity ?? '',
        salient: false,
      })),
    );
  }

  private tokens(p = this.p): Token[] {
    return this.registry.paragraphs[p]?.outer ?? [];
  }

  private t(i: number): Token | undefined {
    return i >= this.unitFrom && i <= this.unitTo ? this.tokens()[i] : undefined;
  }

  private entity(key: string | null): RegistryEntity | undefined {
    return key ? this.registry.entities.get(key) : undefined;
  }

  private markSalient(span: NameSpan): void {
    this.salient.add(span);
    const event = this.events[this.p]?.find((e) => e.token === span.first);
    if (event) {
      event.salient = true;
      event.entity = span.entity ?? event.entity;
    }
  }

  private addEvent(token: number, entity: string): void {
    if (this.events[this.p]?.some((e) => e.token === token && e.entity === entity)) return;
    const list = this.events[this.p];
    if (!list) return;
    list.push({ token, unit: this.tokens()[token]?.unit ?? 0, entity, salient: true });
    list.sort((a, b) => a.token - b.token);
  }

  /** The speaker a noun phrase names, registering a name that only its speaking shows to be someone. */
  private claim(np: NounPhrase | null): string | null {
    if (!np) return null;
    return np.span ? this.speakerOf(np.span) : np.speaker;
  }

  /** The speaker a span names, registering it if only its speaking shows it is someone. */
  private speakerOf(span: NameSpan): string | null {
    if (span.kind === 'unknown' && !span.entity && span.words.length > 4) return null;
    const entity = speakerEntity(this.registry, span);
    this.markSalient(span);
    return entity.key;
  }

  /** Mentions before a point, nearest first: this paragraph, then the two before it. */
  private *eventsBefore(token: number, paragraphs = 3): Generator<Event & { paragraph: number }> {
    for (let p = this.p; p >= Math.max(0, this.p - paragraphs + 1); p--) {
      const list = this.events[p] ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const event = list[i];
        if (event && event.entity && (p < this.p || event.token < token)) yield { ...event, paragraph: p };
      }
    }
  }

  /**
   * "he"/"she"/"it": the nearest earlier subject or speaker who fits; a mere mention only when it is the one
   * fit in reach. Unknown gender fits either pronoun, but loses to a known fit, and a tie leaves it open.
   */
  private resolvePronoun(word: string, token: number): string | null {
    const want: Gender | 'thing' | null =
      word === 'he' ? 'male' : word === 'she' ? 'female' : word === 'it' ? 'thing' : null;
    if (!want) return null;
    const fits = (e: RegistryEntity | undefined): e is RegistryEntity =>
      !!e &&
      (want === 'thing'
        ? e.kind !== 'person' || e.kindGuessed
        : e.kind === 'person' && (e.gender === null || e.gender === want));
    const seen: (Event & { paragraph: number })[] = [];
    // Reach: this paragraph and the one before. An unnamed subject nearer than any fit takes the pronoun.
    for (const event of this.eventsBefore(token, 2)) {
      if (event.entity === OPAQUE) {
        if (seen.some((e) => e.salient)) continue;
        return null;
      }
      if (fits(this.entity(event.entity))) seen.push(event);
    }
    // A fit named earlier in this very paragraph outranks a subject or speaker of the paragraph before:
    // a new paragraph that introduces someone and then says "she said" has moved on to her.
    const salient = seen.find((e) => e.salient);
    const here = seen.find((e) => e.paragraph === this.p);
    const chosen =
      (here && salient && salient.paragraph < this.p ? here : salient) ??
      (new Set(seen.map((e) => e.entity)).size === 1 ? seen[0] : undefined);
    if (!chosen) return null;
    const chosenEntity = this.entity(chosen.entity);
    const rivals = seen.filter((e) => e.entity !== chosen.entity);
    if (chosenEntity?.gender === null && rivals.some((e) => this.entity(e.entity)?.gender === want))
      return null;
    if (rivals.some((e) => e.salient && e.paragraph === chosen.paragraph && e.unit === chosen.unit))
      return null;
    if (want === 'thing') this.settleAsOrganisation(chosenEntity);
    return chosen.entity;
  }

  /** A speaker of unknown kind that the text calls "it" or "the company" is an organisation. */
  private settleAsOrganisation(entity: RegistryEntity | undefined): void {
    if (!entity?.kindGuessed) return;
    entity.kind = 'organisation';
    entity.kindGuessed = false;
  }

  /** "the president", "the ministry": the nearest earlier entity whose role or name has that head noun. */
  private resolveDescription(
    head: string,
    token: number,
    qualifier: NameSpan | null,
    modifiers: readonly string[] = [],
  ): string | null {
    const qualifierName = qualifier ? qualifier.words.join(' ') : null;
    // "the transport secretary" is not "the union's general secretary": every modifier must be in the role.
    const wanted = modifiers.filter((m) => !GENERIC_MODIFIERS.has(m));
    const fits = (e: RegistryEntity | undefined): boolean => {
      if (!e) return false;
      const byRole = e.kind === 'person' && e.roleHeads.has(head);
      const byName = e.kind !== 'person' && e.canonical.toLowerCase().split(/\s+/u).includes(head);
      const corporate =
        CORPORATE_HEADS.has(head) &&
        ((e.kind === 'organisation' && CORPORATE_SUFFIX.test(e.canonical)) || e.kindGuessed);
      if (corporate) return wanted.length === 0;
      if (!byRole && !byName) return false;
      const described = [...e.roleTexts, e.canonical].join(' ').toLowerCase();
      if (!wanted.every((m) => described.includes(m))) return false;
      return qualifierName === null || e.roleTexts.some((r) => r.includes(qualifierName));
    };
    for (const event of this.eventsBefore(token, this.p + 1)) {
      const entity = this.entity(event.entity);
      if (!fits(entity)) continue;
      if (CORPORATE_HEADS.has(head)) this.settleAsOrganisation(entity);
      return event.entity;
    }
    return null;
  }

  /** A noun phrase read forwards from `i`: a name, a pronoun, "the minister", "a spokesman for Foo". */
  private nounPhrase(i: number): NounPhrase | null {
    const none: NounPhrase = { speaker: null, end: i, span: null, coordinated: [], opaque: false };
    const first = this.t(i);
    if (!first || first.kind !== 'word') return null;
    if (PRONOUNS.has(first.lower)) return { ...none, speaker: this.resolvePronoun(first.lower, i), end: i };
    let k = i;
    const determiner = DETERMINERS.has(first.lower) ? first.lower : null;
    if (determiner) k += 1;
    let lastSpan: NameSpan | null = null;
    let head: Token | null = null;
    let possessor = false;
    const modifiers: string[] = [];
    for (let n = 0; n < 8; n++) {
      const span = this.spanStart[this.p]?.get(k);
      const t = this.t(k);
      if (span && span.last <= this.unitTo) {
        lastSpan = span;
        head = null;
        k = span.last + 1;
        if (span.possessive) {
          possessor = true;
          lastSpan = null;
        }
        continue;
      }
      if (
        t?.kind === 'word' &&
        !t.capitalised &&
        (t.tags.has('Noun') || t.tags.has('Adjective') || isRoleNoun(t)) &&
        !t.tags.has('Pronoun') &&
        !PREPOSITIONS.has(t.lower) &&
        !DETERMINERS.has(t.lower) &&
        !t.tags.has('Verb')
      ) {
        if (head) modifiers.push(head.lower);
        head = t;
        lastSpan = null;
        k += 1;
        continue;
      }
      break;
    }
    const end = k - 1;
    if (lastSpan) {
      const and = this.t(k);
      const other = this.spanStart[this.p]?.get(k + 1);
      if (isWord(and, 'and', 'or') && other)
        return { ...none, end: other.last, coordinated: [lastSpan, other] };
      return { ...none, speaker: lastSpan.entity, end, span: lastSpan, opaque: !lastSpan.entity };
    }
    if (!head) return null;
    // "a spokesman for the Port Authority", "a statement from the ministry": the organisation speaks.
    const link = this.t(k);
    const linkOk =
      (SPOKES.has(head.lower) && isWord(link, 'for', 'of', 'at')) ||
      (SPEECH_NOUNS.has(head.lower) && isWord(link, 'from', 'by'));
    if (linkOk) {
      const after = isWord(this.t(k + 1), 'the') ? k + 2 : k + 1;
      const span = this.spanStart[this.p]?.get(after);
      if (span && !span.possessive) return { ...none, speaker: span.entity, end: span.last, span };
      return { ...none, end, opaque: SPOKES.has(head.lower) };
    }
    // "the former prime minister, Tony Blair": the name in apposition says who.
    const named = isPunct(link, ',') ? this.spanStart[this.p]?.get(k + 1) : undefined;
    if (
      named &&
      !named.possessive &&
      (isPunct(this.t(named.last + 1), ',', '.') || named.last === this.unitTo)
    ) {
      return { ...none, speaker: named.entity, end: named.last, span: named, opaque: !named.entity };
    }
    if ((determiner && DEFINITE.has(determiner)) || possessor) {
      const qualified = isWord(link, 'of', 'at', 'for');
      const qualifier = qualified
        ? (this.spanStart[this.p]?.get(isWord(this.t(k + 1), 'the') ? k + 2 : k + 1) ?? null)
        : null;
      // "the president of the company": qualified by something we cannot check, so not a known president.
      if (qualified && !qualifier) return { ...none, end, opaque: isRoleNoun(head) };
      const speaker = this.resolveDescription(head.lower, i, qualifier, modifiers);
      return { ...none, speaker, end, opaque: !speaker && isRoleNoun(head) };
    }
    return { ...none, end, opaque: isRoleNoun(head) };
  }

  /** The subject of the unit's main clause, after any opening adverbial ("In a statement, …"). */
  private mainSubject(): NounPhrase | null {
    if (this.main === undefined) this.main = this.readMainSubject();
    return this.main;
  }

  private readMainSubject(): NounPhrase | null {
    let i = this.unitFrom;
    for (let round = 0; round < 3; round++) {
      while (
        this.t(i) &&
        (isPunct(this.t(i), ',', '—', '–') ||
          LEAD_SKIP.has(this.t(i)?.lower ?? '') ||
          this.t(i)?.tags.has('Adverb'))
      )
        i += 1;
      const t = this.t(i);
      if (!t || t.kind !== 'word') return null;
      const opensAdverbial =
        t.tags.has('Preposition') || t.tags.has('Gerund') || ADVERBIAL_OPENERS.has(t.lower);
      if (!opensAdverbial) break;
      let comma = i + 1;
      while (
        comma <= this.unitTo &&
        comma - i < 16 &&
        !isPunct(this.t(comma), ',') &&
        this.t(comma)?.kind !== 'quote'
      )
        comma += 1;
      if (!isPunct(this.t(comma), ',')) return null;
      i = comma + 1;
    }
    let np = this.nounPhrase(i);
    if (!np) {
      const t = this.t(i);
      const unfamiliar = t?.capitalised && t.tags.has('ProperNoun') && this.t(i + 1)?.tags.has('Verb');
      if (unfamiliar) this.addEvent(i, OPAQUE);
      return null;
    }
    let k = np.span ? this.afterParenthesis(np.end + 1) : np.end + 1;
    // "The transport secretary, Jane Roe, called …": the name in apposition is the subject.
    const named = this.spanStart[this.p]?.get(k + 1);
    if (!np.span && isPunct(this.t(k), ',') && named && isPunct(this.t(named.last + 1), ',')) {
      np = { ...np, speaker: named.entity, span: named, end: named.last, opaque: !named.entity };
      k = named.last + 2;
    } else if (isPunct(this.t(k), ',')) {
      const close = this.closingComma(k);
      if (close < 0) return null;
      k = close + 1;
    }
    while (this.t(k)?.tags.has('Adverb')) k += 1;
    const verb = this.t(k);
    if (!verb || !(verb.tags.has('Verb') || verb.tags.has('Modal') || SKIPPABLE.has(verb.lower))) return null;
    for (const span of np.coordinated) this.markSalient(span);
    if (np.span?.entity) this.markSalient(np.span);
    else if (np.speaker) this.addEvent(i, np.speaker);
    else if (np.opaque) this.addEvent(i, OPAQUE);
    return np;
  }

  /**
   * "Sen. Jane Roe (D-Ore.) said": a parenthesis right after a name (a party and state, an age, a handle) is an
   * aside, so the verb's subject is the name before it. The index of the name's last token, else `close`.
   */
  private beforeParenthesis(close: number): number {
    if (!isPunct(this.t(close), ')')) return close;
    for (let k = close - 1; k >= Math.max(this.unitFrom, close - 10); k--) {
      const t = this.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, ')', ',', ';')) return close;
      if (isPunct(t, '(')) return this.spanEnd[this.p]?.has(k - 1) ? k - 1 : close;
    }
    return close;
  }

  /** The same aside read forwards: the index after a parenthesis opened at `open`, else `open`. */
  private afterParenthesis(open: number): number {
    if (!isPunct(this.t(open), '(')) return open;
    for (let k = open + 1; k <= Math.min(this.unitTo, open + 10); k++) {
      const t = this.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, '(', ',', ';')) return open;
      if (isPunct(t, ')')) return k + 1;
    }
    return open;
  }

  /** The comma closing an apposition or relative clause opened at `open`, or -1. */
  private closingComma(open: number): number {
    for (let k = open + 1; k <= this.unitTo && k - open < 35; k++) {
      const t = this.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, ';')) return -1;
      if (isPunct(t, ',')) return k;
    }
    return -1;
  }

  /** Jumps back over ", director of Foo," or ", who …," to the name it describes. */
  private nameBeforeApposition(comma: number, nameAsApposition = true): NameSpan | null {
    const tokens = this.tokens();
    const text = this.registry.paragraphs[this.p]?.paragraph.text ?? '';
    for (let k = comma - 1; k >= Math.max(this.unitFrom, comma - 35); k--) {
      const t = this.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, ';')) break;
      if (!isPunct(t, ',')) continue;
      const span = this.spanEnd[this.p]?.get(this.beforeParenthesis(k - 1));
      if (!span) continue;
      const opener = this.t(k + 1);
      const between = tokens.slice(k + 1, comma);
      const relative = isWord(opener, 'who', 'which', 'whose');
      const apposition = appositionAfter(tokens, k - 1, text)?.end === comma - 1;
      const incidental =
        between.every((b) => SKIPPABLE.has(b.lower) || b.tags.has('Adverb') || /^\d+$/u.test(b.text)) ||
        // "Jones, speaking on Monday, said", "Jones, asked about the cuts, said".
        (!!opener &&
          !opener.capitalised &&
          (opener.tags.has('Gerund') || /ing$/u.test(opener.lower) || ASIDE_OPENERS.has(opener.lower)));
      if (relative || apposition || incidental) return span;
    }
    // "A spokesman, John Doe, said": the name is itself the apposition.
    const named = nameAsApposition ? this.spanEnd[this.p]?.get(comma - 1) : undefined;
    return named && isPunct(this.t(named.first - 1), ',') ? named : null;
  }

  private firstWord(): number {
    for (let k = this.unitFrom; k <= this.unitTo; k++) if (this.t(k)?.kind === 'word') return k;
    return -1;
  }

  /** A one-word name span made on demand for a word the registry passed over. */
  private spanFor(index: number): NameSpan {
    const analysed = this.registry.paragraphs[this.p];
    const token = this.tokens()[index];
    const span: NameSpan = {
      paragraph: this.p,
      stream: -1,
      first: index,
      last: index,
      title: [],
      words: [token?.text ?? ''],
      kind: 'unknown',
      personLike: false,
      possessive: false,
      sentenceId: analysed && token ? sentenceIdAt(analysed, token.start) : '',
      entity: null,
    };
    this.spanStart[this.p]?.set(index, span);
    this.spanEnd[this.p]?.set(index, span);
    this.events[this.p]?.push({ token: index, unit: token?.unit ?? 0, entity: '', salient: false });
    this.events[this.p]?.sort((a, b) => a.token - b.token);
    return span;
  }

  /** The start of the noun phrase that ends with a span: role words and modifiers before a name belong to it. */
  private phraseStart(span: NameSpan): number {
    let k = span.first - 1;
    for (let n = 0; n < 7 && k >= this.unitFrom; n++) {
      const t = this.t(k);
      const before = this.spanEnd[this.p]?.get(k);
      if (before) {
        k = before.first - 1;
        continue;
      }
      if (
        t &&
        t.kind === 'word' &&
        !t.capitalised &&
        (isRoleNoun(t) || t.tags.has('Adjective') || DETERMINERS.has(t.lower))
      ) {
        k -= 1;
        continue;
      }
      break;
    }
    return k + 1;
  }

  /** The subject of the speech verb at `v`, read backwards over auxiliaries, adverbs and time words. */
  private subjectBefore(v: number): Subject {
    const verb = this.t(v);
    let j = v - 1;
    let passive = false;
    for (let n = 0; n < 7 && this.t(j) && this.t(j)?.kind === 'word'; n++) {
      const t = this.t(j);
      if (
        !t ||
        !(SKIPPABLE.has(t.lower) || (t.tags.has('Adverb') && !PRONOUNS.has(t.lower)) || /^\d+$/u.test(t.text))
      )
        break;
      if (BE_FORMS.has(t.lower)) passive = true;
      j -= 1;
    }
    j = this.beforeParenthesis(j);
    const none: Subject = { speaker: null, npStart: j + 1 };
    // "Smith was told", "it was said": whoever the subject is, they did not speak.
    if (passive && verb && !verb.lower.endsWith('ing')) return none;
    const t = this.t(j);
    if (!t) return none;
    if (t.kind === 'quote' || (isPunct(t, ',', '—', '–') && this.t(j - 1)?.kind === 'quote'))
      return { ...none, afterQuote: true };
    if (isPunct(t, ',')) {
      const span = this.nameBeforeApposition(j);
      return span ? { speaker: this.speakerOf(span), npStart: this.phraseStart(span) } : none;
    }
    if (isWord(t, 'who', 'which')) {
      // "Jane Roe, who …" or "Jane Roe, the union's negotiator, who …".
      const comma = isPunct(this.t(j - 1), ',');
      const span =
        this.spanEnd[this.p]?.get(comma ? j - 2 : j - 1) ??
        (comma ? this.nameBeforeApposition(j - 1, false) : null);
      return span ? { speaker: this.speakerOf(span), npStart: j } : none;
    }
    if (t.kind === 'word' && PRONOUNS.has(t.lower)) {
      const speaker = this.resolvePronoun(t.lower, j);
      if (speaker) this.addEvent(j, speaker);
      return { speaker, npStart: j };
    }
    const span = this.spanEnd[this.p]?.get(j);
    if (span) return this.subjectFromSpan(span);
    if (t.kind === 'word' && t.capitalised) {
      // "Tesla said …": a sentence opening with an unfamiliar word that speaks names a speaker.
      const opensSentence = j === this.firstWord();
      const common = t.tags.has('Plural') || lexiconTags(t.lower).some((tag) => !NAME_TAGS.has(tag));
      if (opensSentence && !common && !PRONOUNS.has(t.lower)) {
        const span = this.spanFor(j);
        return { speaker: this.speakerOf(span), npStart: j };
      }
      this.addEvent(j, OPAQUE);
      return none;
    }
    if (isWord(t, 'and', 'or', 'but')) {
      const main = this.mainSubject();
      // Not attachable to a quote before it: "“…” and accused X" has no subject after the quote.
      return { speaker: this.claim(main), npStart: -1 };
    }
    if (t.kind === 'word' && !t.capitalised) {
      // A description before the verb: parse it from its determiner.
      let k = j;
      while (
        k - 1 >= this.unitFrom &&
        this.t(k - 1)?.kind === 'word' &&
        !DETERMINERS.has(this.t(k - 1)?.lower ?? '') &&
        !PREPOSITIONS.has(this.t(k - 1)?.lower ?? '') &&
        j - k < 5 &&
        !this.t(k - 1)?.tags.has('Verb')
      )
        k -= 1;
      const start = DETERMINERS.has(this.t(k - 1)?.lower ?? '') ? k - 1 : k;
      // "a spokesman for the firm said": someone unnamed speaks, and the firm is not a person to resolve.
      const owner = this.t(start - 2);
      if (
        PREPOSITIONS.has(this.t(start - 1)?.lower ?? '') &&
        owner &&
        (isRoleNoun(owner) || SPOKES.has(owner.lower))
      ) {
        this.addEvent(start - 2, OPAQUE);
        return { speaker: null, npStart: start - 2 };
      }
      const np = this.nounPhrase(start);
      if (np && np.end === j) {
        if (np.speaker) this.addEvent(start, np.speaker);
        else if (np.opaque) this.addEvent(start, OPAQUE);
        return { speaker: np.speaker, npStart: start };
      }
    }
    return none;
  }

  private subjectFromSpan(span: NameSpan): Subject {
    let b = span.first - 1;
    if (isWord(this.t(b), 'the')) b -= 1;
    const before = this.t(b);
    if (before && PREPOSITIONS.has(before.lower) && before.kind === 'word') {
      // "a spokesman for the Port Authority said" / "the director of Foo said": the name is not the subject.
      const head = this.t(b - 1);
      if (!head || head.kind !== 'word') return { speaker: null, npStart: span.first };
      let start = b - 1;
      while (
        start - 1 >= this.unitFrom &&
        this.t(start - 1)?.kind === 'word' &&
        (DETERMINERS.has(this.t(start - 1)?.lower ?? '') || this.t(start - 1)?.tags.has('Adjective'))
      )
        start -= 1;
      if (SPOKES.has(head.lower) && isWord(before, 'for', 'of', 'at'))
        return { speaker: this.speakerOf(span), npStart: start };
      if (isRoleNoun(head) && isWord(this.t(start), 'the')) {
        const modifiers = this.tokens()
          .slice(start + 1, b - 1)
          .filter((m) => m.kind === 'word' && !m.capitalised)
          .map((m) => m.lower);
        const speaker = this.resolveDescription(head.lower, start, span, modifiers);
        if (speaker) this.addEvent(start, speaker);
        return { speaker, npStart: start };
      }
      return { speaker: null, npStart: start };
    }
    // "Smith and Brown said", "Smith, Jones and Brown said": several speakers, none of them alone.
    const listed = this.spanEnd[this.p]?.get(isPunct(this.t(b - 1), ',') ? b - 2 : b - 1);
    if (isWord(before, 'and', 'or', '&') && listed) return { speaker: null, npStart: span.first };
    return { speaker: this.speakerOf(span), npStart: this.phraseStart(span) };
  }

  private isSpeechVerb(t: Token, i: number): boolean {
    if (t.kind !== 'word') return false;
    if (INVERTED_ONLY.has(t.lower)) {
      const before = isPunct(this.t(i - 1), ',') ? this.t(i - 2) : this.t(i - 1);
      // "Jones continued:" leads the quote in, as “…,” Jones continued closes it.
      return before?.kind === 'quote' || isPunct(this.t(i + 1), ':') || this.verbOfQuoteSubject(t, i);
    }
    const known = INVERTIBLE.has(t.lower) || NOT_INVERTIBLE.has(t.lower) || PARTICIPLES.has(t.lower);
    if (known && (SURE_VERBS.has(t.lower) || t.tags.has('Verb') || t.tags.has('Gerund'))) return true;
    return this.verbOfQuoteSubject(t, i);
  }

  /** A finite verb other than an auxiliary: "fumed", "shot", "concludes". */
  private static finiteVerb(t: Token): boolean {
    return (
      t.kind === 'word' &&
      t.tags.has('Verb') &&
      (t.tags.has('PastTense') || t.tags.has('PresentTense')) &&
      !t.tags.has('Modal') &&
      !t.tags.has('Gerund') &&
      !SKIPPABLE.has(t.lower)
    );
  }

  /**
   * “…,” Jones fumed / “…?” she shot back: a quote that opens its sentence and ends on a comma, question or
   * exclamation mark waits for its speaker, so the verb right after its subject is the speech verb, whichever
   * verb it is. No list of speech verbs can hold every "barked", "pressed" or "points out" news writers use.
   */
  private verbOfQuoteSubject(t: Token, i: number): boolean {
    if (!ArticleReader.finiteVerb(t)) return false;
    const span = this.spanEnd[this.p]?.get(i - 1);
    const pronoun = this.t(i - 1);
    // A "he" that resolves to no one leaves the quote to the continuation of the speaker before.
    const resolves = isWord(pronoun, 'he', 'she') && !!this.resolvePronoun(pronoun?.lower ?? '', i - 1);
    const start = span ? this.phraseStart(span) : resolves ? i - 1 : -1;
    if (start < 0) return false;
    let q = start - 1;
    while (isPunct(this.t(q), ',', '—', '–')) q -= 1;
    const quote = this.t(q);
    if (quote?.kind !== 'quote' || !this.opensUnit(q)) return false;
    const raw = this.registry.paragraphs[this.p]?.paragraph.text.slice(quote.start, quote.end) ?? '';
    if (/[,—–-]\s*["”’»]?$/u.test(raw)) return true;
    // After “…?” or “…!” the sentence may have ended with the quote ("“Help!” Jones ran to the door"): the
    // verb is the quote's own only when the clause stops after it ("Jones shouted.", "she shot back,").
    if (!/[?!]\s*["”’»]?$/u.test(raw)) return false;
    const after =
      this.t(i + 1)?.kind === 'word' && !this.t(i + 1)?.capitalised ? this.t(i + 2) : this.t(i + 1);
    return !after || after.kind === 'punct';
  }

  /**
   * "Jones estimated that there are “…”": a verb taking a that-clause reports what its subject said or
   * thought, so a named subject speaks the quote in it. Read only where a quote follows, and only for a
   * subject the text names, so an unnamed one ("polls show that") never blocks other evidence.
   */
  private thatClauseCue(t: Token, i: number): Cue | null {
    if (!ArticleReader.finiteVerb(t) || !isWord(this.t(i + 1), 'that')) return null;
    const quoteAfter = this.tokens()
      .slice(i + 2, this.unitTo + 1)
      .some((k) => k.kind === 'quote');
    if (!quoteAfter) return null;
    const previous = this.t(i - 1);
    const named = !!this.spanEnd[this.p]?.get(this.beforeParenthesis(i - 1)) || isWord(previous, 'he', 'she');
    if (!named) return null;
    const subject = this.subjectBefore(i);
    if (!subject.speaker || subject.afterQuote) return null;
    return {
      index: i,
      kind: 'verb',
      speaker: subject.speaker,
      npStart: subject.npStart,
      inverted: false,
      clause: true,
    };
  }

  /** Every speech cue in the current unit, left to right, with its speaker resolved. */
  private cues(): Cue[] {
    const cues: Cue[] = [];
    for (let i = this.unitFrom; i <= this.unitTo; i++) {
      const t = this.t(i);
      if (!t || t.kind !== 'word') continue;
      if (t.lower === 'according' && isWord(this.t(i + 1), 'to')) {
        const np = this.nounPhrase(i + 2);
        const speaker = this.claim(np);
        cues.push({ index: i, kind: 'according', speaker, npStart: i, inverted: false });
        if (speaker && !np?.span) this.addEvent(i + 2, speaker);
        continue;
      }
      if (this.isSpeechVerb(t, i)) {
        const previous = this.t(i - 1);
        if (PARTICIPLES.has(t.lower)) {
          if (previous && (DETERMINERS.has(previous.lower) || previous.possessive)) continue;
          const earlier = [...cues].reverse().find((c) => c.kind === 'verb');
          const speaker = earlier ? earlier.speaker : this.claim(this.mainSubject());
          cues.push({ index: i, kind: 'verb', speaker, npStart: i, inverted: false });
          continue;
        }
        const subject = this.subjectBefore(i);
        if (subject.afterQuote) {
          if (!INVERTIBLE.has(t.lower)) {
            cues.push({ index: i, kind: 'verb', speaker: null, npStart: i, inverted: true });
            continue;
          }
          const np = this.nounPhrase(i + 1);
          const speaker = this.claim(np);
          if (speaker && !np?.span) this.addEvent(i + 1, speaker);
          else if (!speaker && np?.opaque) this.addEvent(i + 1, OPAQUE);
          cues.push({ index: i, kind: 'verb', speaker, npStart: i, inverted: true });
          continue;
        }
        // "Talks collapsed, said Jane Roe": reported speech with the speaker after the verb.
        const inverted =
          !subject.speaker && isPunct(previous, ',') && INVERTIBLE.has(t.lower)
            ? this.nounPhrase(i + 1)
            : null;
        if (inverted?.span) {
          cues.push({ index: i, kind: 'verb', speaker: this.claim(inverted), npStart: i, inverted: true });
          continue;
        }
        cues.push({
          index: i,
          kind: 'verb',
          speaker: subject.speaker,
          npStart: subject.npStart,
          inverted: false,
        });
        continue;
      }
      const reported = this.thatClauseCue(t, i);
      if (reported) {
        cues.push(reported);
        continue;
      }
      if (SPEECH_NOUNS.has(t.lower)) {
        const next = this.t(i + 1);
        if (isWord(next, 'from', 'by')) {
          const np = this.nounPhrase(i + 2);
          if (np?.span || np?.speaker)
            cues.push({ index: i, kind: 'noun', speaker: this.claim(np), npStart: i, inverted: false });
          continue;
        }
        const owner = this.spanEnd[this.p]?.get(i - 1);
        const introduces =
          isWord(next, 'for', 'that', 'to', 'of') ||
          isPunct(next, ':') ||
          next?.kind === 'quote' ||
          this.t(i + 2)?.kind === 'quote';
        if (owner?.possessive && introduces)
          cues.push({
            index: i,
            kind: 'noun',
            speaker: this.speakerOf(owner),
            npStart: owner.first,
            inverted: false,
          });
      }
    }
    return cues;
  }

  /** After a comma (", but Jones remained “…”") a new clause with its own verb takes the quote away from the cue. */
  private clauseChangeBetween(from: number, to: number): boolean {
    for (let k = from + 1; k < to; k++) {
      const t = this.t(k);
      if (isPunct(t, ';')) return true;
      if (!(t && CLAUSE_CONJUNCTIONS.has(t.lower) && isPunct(this.t(k - 1), ','))) continue;
      let sawSubject = false;
      for (let m = k + 1; m < to; m++) {
        const w = this.t(m);
        if (!w || w.kind !== 'word') continue;
        if (sawSubject && w.tags.has('Verb') && !this.isSpeechVerb(w, m)) return true;
        if (w.tags.has('Noun') || w.tags.has('Pronoun') || w.capitalised) sawSubject = true;
      }
    }
    return false;
  }

  private nextIndexSkipping(i: number): number {
    let k = i + 1;
    while (isPunct(this.t(k), ',', '—', '–', '-')) k += 1;
    return k;
  }

  /** Reads the article and attributes every quote, pausing after each paragraph. */
  *read(): Generator<void, ArticleAttribution, void> {
    const quotes: AttributedQuote[] = [];
    const spoke = new Map<string, Set<string>>();
    const record = (speaker: string, ids: readonly string[]): void => {
      const set = spoke.get(speaker) ?? new Set<string>();
      for (const id of ids) set.add(id);
      spoke.set(speaker, set);
    };
    // For continuations: the quote before, and whether anyone else has taken the floor since.
    let previous: { attributed: AttributedQuote; paragraph: number; lastUnit: boolean } | null = null;
    let interrupted = false;
    // "Jones continued:" or "As Jones put it:" closing a paragraph: the speaker of the quote opening the next.
    let leadIn: { paragraph: number; speaker: string } | null = null;

    for (const [p, analysed] of this.registry.paragraphs.entries()) {
      this.p = p;
      const tokens = analysed.outer;
      analysed.units.forEach((_, u) => {
        const indices = tokens.map((t, i) => (t.unit === u ? i : -1)).filter((i) => i >= 0);
        if (indices.length === 0) return;
        this.unitFrom = indices[0] ?? 0;
        this.unitTo = indices[indices.length - 1] ?? 0;
        this.main = undefined;
        const main = this.mainSubject();
        const cues = this.cues();
        for (const cue of cues) {
          if (!cue.speaker) continue;
          const token = tokens[cue.index];
          if (token) record(cue.speaker, [sentenceIdAt(analysed, token.start)]);
        }
        const quoteIndices = indices.filter((i) => tokens[i]?.kind === 'quote');

        for (const q of quoteIndices) {
          const token = tokens[q];
          const quote = token ? analysed.quotes[token.quote] : undefined;
          if (!token || !quote) continue;
          // "the so-called “reform”": the writer's distance, not anyone's words.
          const scare = isWord(this.t(q - 1), 'so-called');
          const found = scare ? { speaker: null, evidence: null } : this.attributeOne(q, cues);
          let speaker = found?.speaker ?? null;
          let evidence = found?.evidence ?? null;
          if (!found && leadIn?.paragraph === p - 1 && this.opensParagraph(q)) {
            speaker = leadIn.speaker;
            evidence = 'colon';
          } else if (!found && this.opensUnit(q) && !this.quoteIsSubject(q)) {
            const before = previous;
            const samePlace =
              before &&
              (before.paragraph === p ||
                (before.paragraph === p - 1 && before.lastUnit && this.opensParagraph(q)));
            if (before && samePlace && before.attributed.speaker && !interrupted) {
              speaker = before.attributed.speaker;
              evidence = 'continuation';
            }
          }
          const attributed: AttributedQuote = { quote, paragraphIndex: p, speaker, evidence };
          quotes.push(attributed);
          if (speaker) record(speaker, quote.sentenceIds);
          previous = { attributed, paragraph: p, lastUnit: u === analysed.units.length - 1 };
          interrupted = false;
        }
        // Anyone else speaking after the last quote, named or not, or named as the subject of a sentence
        // without quotes, means the next bare quote is no continuation.
        const last = quoteIndices[quoteIndices.length - 1] ?? -1;
        const speakerOfLast = previous?.attributed.speaker ?? null;
        if (cues.some((c) => c.index > last && c.speaker !== speakerOfLast)) interrupted = true;
        const namedSubject = main?.span ? main.span.entity : (main?.speaker ?? null);
        if (quoteIndices.length === 0 && namedSubject && namedSubject !== speakerOfLast) interrupted = true;
        if (u === analysed.units.length - 1 && isPunct(tokens[this.unitTo], ':')) {
          const cue = [...cues].reverse().find((c) => !quoteIndices.some((q) => q > c.index));
          const speaker = cue ? cue.speaker : (main?.span?.entity ?? null);
          if (speaker) leadIn = { paragraph: p, speaker };
        }
      });
      yield;
    }
    return { quotes, spoke };
  }

  /** “Non-paper” is a diplomatic term: a quote its sentence goes on from with a word is named, not spoken. */
  private quoteIsSubject(q: number): boolean {
    const next = this.t(q + 1);
    if (!next || next.kind !== 'word' || next.capitalised || PRONOUNS.has(next.lower)) return false;
    return BE_FORMS.has(next.lower) || (next.tags.has('Verb') && !this.isSpeechVerb(next, q + 1));
  }

  private opensParagraph(q: number): boolean {
    return this.tokens()
      .slice(0, q)
      .every((t) => t.kind === 'punct');
  }

  private opensUnit(q: number): boolean {
    for (let k = this.unitFrom; k < q; k++) if (!isPunct(this.t(k), '(', '[', '—', '–', '-')) return false;
    return true;
  }

  /** The strongest evidence for one quote: attribution right after it, then a cue before it, then "according to". */
  private attributeOne(
    q: number,
    cues: readonly Cue[],
  ): { speaker: string | null; evidence: Evidence } | null {
    const next = this.nextIndexSkipping(q);
    const after = cues.find((c) => c.index > q);
    const quoteBetween = after
      ? this.tokens()
          .slice(q + 1, after.index)
          .some((t) => t.kind === 'quote')
      : true;
    if (after && !quoteBetween) {
      const attached =
        after.kind === 'according' || after.inverted ? after.index === next : after.npStart === next;
      if (attached)
        return {
          speaker: after.speaker,
          evidence: after.kind === 'according' ? 'according-to' : 'attribution-after',
        };
    }
    const before = [...cues].reverse().find((c) => c.index < q);
    if (before) {
      if (this.clauseChangeBetween(before.index, q)) return { speaker: null, evidence: 'cue-before' };
      const quote = this.t(q);
      // "he figures that a slot on “Saturday Night Live” …": every word capitalised, a title, not speech.
      const title = !!quote && !/(^|\s)\p{Ll}/u.test(quote.text);
      if (before.clause && title) return { speaker: null, evidence: 'cue-before' };
      return {
        speaker: before.speaker,
        evidence: before.kind === 'according' ? 'according-to' : 'cue-before',
      };
    }
    const according = cues.find((c) => c.kind === 'according');
    if (according) return { speaker: according.speaker, evidence: 'according-to' };
    // "Jones disagreed: “…”": a colon hands the quote to the clause's named subject.
    if (isPunct(this.t(q - 1), ':')) {
      const main = this.mainSubject();
      if (main?.span?.entity || (main?.speaker && !main.span))
        return { speaker: this.claim(main), evidence: 'colon' };
    }
    return null;
  }
}

/**
 * Attributes every quote of one article, in order of evidence: "…,” X said / said X / according to X right
 * after the quote; a speech cue earlier in the sentence ("X said that …", "X told Y", "X described … as",
 * "a call from X for", "X has accused … of"); "according to X" anywhere in the sentence; and a quote that opens
 * its sentence with no cue of its own continues the quote before it, in the same or the next paragraph, if no
 * one else has spoken in between (unless its sentence goes on from it: “…” is a term); a paragraph ending in
 * "X continued:" hands the quote opening the next paragraph to X. Any verb right after the subject of a
 * comma-closed quote (“…,” X fumed) and a named subject's that-clause ("X estimated that …") read as cues;
 * a bracketed party tag after a name ("(D-Ore.)") is an aside. A cue whose speaker cannot be resolved
 * leaves the quote unattributed.
 */
export function attributeQuotes(registry: ArticleRegistry): ArticleAttribution {
  const steps = attributeQuotesInSteps(registry);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `attributeQuotes` one paragraph at a time: the generator pauses after each paragraph and returns the same
 * attribution, so a caller reading a very long article can let other work run in between.
 */
export function attributeQuotesInSteps(registry: ArticleRegistry): Generator<void, ArticleAttribution, void> {
  return new ArticleReader(registry).read();
}
