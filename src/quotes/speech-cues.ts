// Finding the speech cues of a reading unit and who each one gives as speaker: a speech verb with its
// subject before it (“…,” Jones said; Jones told reporters …) or after it (said Jones), a speech noun ("a call
// from X", "X's warning"), "according to X", a that-clause of a named subject, and any verb right after the
// subject of a comma-closed quote (“…,” Jones fumed). The attribution pass (attribute-quotes.ts) then decides
// which cue, if any, a quote belongs to.
import { sentenceIdAt } from './analysed-paragraphs.js';
import { OPAQUE, type Discourse } from './discourse.js';
import { roleInCapitals, type NameSpan } from './name-spans.js';
import { isRoleAcronym, readNounPhrase, type NounPhrase } from './noun-phrases.js';
import type { Token } from './paragraph-tokens.js';
import { APPOSITION_REACH, finiteVerb, isPunct, isWord, type ReadingWindow } from './reading-window.js';
import { appositionAfter } from './roles.js';
import {
  isPersonNoun,
  isRoleNoun,
  lexiconTags,
  NAME_TAGS,
  PARTY_TAG,
  shortAsideEnd,
  stripDot,
  unknownToDictionaries,
} from './token-classes.js';
import {
  ADVERBIAL_OPENERS,
  ASIDE_OPENERS,
  AUTHORED,
  ASKING_VERBS,
  BE_FORMS,
  CLAUSE_CONJUNCTIONS,
  DETERMINERS,
  INDEFINITE,
  INVERTED_ONLY,
  INVERTIBLE,
  LEAD_SKIP,
  NOT_AN_APPOSITION,
  NOT_INVERTIBLE,
  OWN_WORDS_NOUNS,
  PARTICIPLES,
  PREPOSITIONS,
  PRONOUNS,
  REACTION_VERBS,
  REPLY_VERBS,
  SKIPPABLE,
  SPEECH_NOUNS,
  SPOKES,
  AS_SOURCE_VERBS,
  SPOUSES,
  TITLES,
  VENUE_NOUNS,
  SUBORDINATORS,
  SURE_VERBS,
  VERB_PARTICLES,
} from './word-lists.js';

/** A speech cue found in a unit: a verb, a noun ("a call from X") or "according to". */
export interface Cue {
  index: number;
  kind: 'verb' | 'noun' | 'according';
  speaker: string | null;
  /** First token of the speaker's noun phrase when it stands before the cue (or the cue itself). */
  npStart: number;
  inverted: boolean;
  /** A verb read as speech only for its that-clause ("X estimated that …"): a quoted title in it is no one's words. */
  clause?: boolean;
  /** A passive speech verb ("officers had been told"): its subject heard the words, and no one is named saying them. */
  passive?: boolean;
}

interface Subject {
  speaker: string | null;
  npStart: number;
  /** The verb is passive: its subject did not speak. */
  passive?: boolean;
  /** The subject sits right after a quote and the verb allows inversion: read the name after the verb. */
  afterQuote?: boolean;
}

/** Opening adverbials ("In a statement, on Monday, …") skipped before a unit's main subject. */
const MAX_OPENING_ADVERBIALS = 3;
/** Tokens an opening adverbial may run to before its comma; longer, and it is no adverbial. */
const MAX_ADVERBIAL_TOKENS = 16;
/** Auxiliaries, adverbs and time words read back over from a speech verb to its subject ("has also said"). */
const MAX_WORDS_BEFORE_VERB = 7;
/** Words of a description read back from its verb to its determiner ("the union's chief negotiator said"). */
const MAX_DESCRIPTION_WORDS = 5;
/** Asides between a subject and its verb, each set off by commas (an age, a party tag, a relative clause). */
const MAX_ASIDES = 3;

/** Reads the speech cues of the unit the window is on, resolving their speakers through the discourse. */
export class CueReader {
  /** The current unit's main subject, read once (undefined until read). */
  private main: NounPhrase | null | undefined;

  constructor(
    private readonly w: ReadingWindow,
    private readonly d: Discourse,
  ) {}

  /** Starts a new unit: its main subject is read afresh. */
  startUnit(): void {
    this.main = undefined;
  }

  /** A noun phrase read forwards from `i` in the current unit. */
  private nounPhrase(i: number): NounPhrase | null {
    return readNounPhrase(this.w, this.d, i);
  }

  /** The subject of the unit's main clause, after any opening adverbial ("In a statement, …"). */
  mainSubject(): NounPhrase | null {
    if (this.main === undefined) this.main = this.readMainSubject();
    return this.main;
  }

  private readMainSubject(): NounPhrase | null {
    let i = this.w.unitFrom;
    for (let round = 0; round < MAX_OPENING_ADVERBIALS; round++) {
      while (
        this.w.t(i) &&
        (isPunct(this.w.t(i), ',', '—', '–') ||
          LEAD_SKIP.has(this.w.t(i)?.lower ?? '') ||
          this.w.t(i)?.tags.has('Adverb'))
      )
        i += 1;
      const t = this.w.t(i);
      if (!t || t.kind !== 'word') return null;
      // "Hours later, …", "Last week, …": a time phrase before its comma is an adverbial too.
      // "Asked what makes a good violin, …", "Pressed on the cuts, …": a participle clause before the subject.
      const next = this.w.t(i + 1);
      const participle =
        t.tags.has('PastTense') &&
        !!next &&
        (next.tags.has('Preposition') || next.tags.has('QuestionWord') || isWord(next, 'whether', 'if'));
      const opensAdverbial =
        t.tags.has('Preposition') ||
        t.tags.has('Gerund') ||
        t.tags.has('Date') ||
        participle ||
        ADVERBIAL_OPENERS.has(t.lower);
      if (!opensAdverbial) break;
      let comma = i + 1;
      while (
        comma <= this.w.unitTo &&
        comma - i < MAX_ADVERBIAL_TOKENS &&
        !isPunct(this.w.t(comma), ',') &&
        this.w.t(comma)?.kind !== 'quote'
      )
        comma += 1;
      if (!isPunct(this.w.t(comma), ',')) return null;
      i = comma + 1;
      // "In Eastby, which hosts the vote, Jones said": a relative clause on the adverbial's last noun is
      // part of the adverbial.
      if (isWord(this.w.t(i), 'which', 'where')) {
        let end = i + 1;
        while (end <= this.w.unitTo && end - i < MAX_ADVERBIAL_TOKENS && !isPunct(this.w.t(end), ',')) {
          if (this.w.t(end)?.kind === 'quote') return null;
          end += 1;
        }
        if (!isPunct(this.w.t(end), ',')) return null;
        i = end + 1;
      }
      // "In Salem, New Hampshire, Jones said": the state after a town is still the adverbial's.
      const state = this.w.startingAt(i);
      if (state?.kind === 'place' && isPunct(this.w.t(state.last + 1), ',')) i = state.last + 2;
    }
    let np = this.nounPhrase(i);
    if (!np) {
      const t = this.w.t(i);
      const unfamiliar = t?.capitalised && t.tags.has('ProperNoun') && this.w.t(i + 1)?.tags.has('Verb');
      if (unfamiliar) this.d.addEvent(i, OPAQUE);
      return null;
    }
    let k = np.span ? this.w.afterParenthesis(np.end + 1) : np.end + 1;
    // "The MP for Zentford, Jane Roe, posted …": a description's own "of"/"for" phrase, before the name.
    if (!np.span && isWord(this.w.t(k), 'of', 'for', 'at')) {
      let body = this.w.startingAt(isWord(this.w.t(k + 1), 'the') ? k + 2 : k + 1);
      // "The MP for Eastby and Westby, …": two places joined.
      if (body && isWord(this.w.t(body.last + 1), 'and')) body = this.w.startingAt(body.last + 2) ?? body;
      if (body && isPunct(this.w.t(body.last + 1), ',') && this.w.startingAt(body.last + 2))
        k = body.last + 1;
    }
    // "The transport secretary, Jane Roe, called …": the name in apposition is the subject.
    const named = this.w.startingAt(k + 1);
    if (!np.span && isPunct(this.w.t(k), ',') && named && isPunct(this.w.t(named.last + 1), ',')) {
      np = { ...np, speaker: named.entity, span: named, end: named.last, opaque: !named.entity };
      k = named.last + 2;
    } else if (np.apposed && isPunct(this.w.t(k), ',')) {
      // "The head teacher, Jane Roe, arrived": the phrase read the name in apposition, whose comma closes here.
      k += 1;
    } else if (isPunct(this.w.t(k), ',')) {
      let close = this.w.closingComma(k);
      // "Jane Roe, 58, who runs the pub, fumed", "Sen. Jane Roe, R-Ky., who …, called": asides in a row,
      // each closed by its comma, until a verb.
      for (let n = 1; n < MAX_ASIDES && close >= 0 && this.opensAside(close + 1); n++)
        close = this.w.closingComma(close);
      if (close < 0) return null;
      k = close + 1;
    }
    while (this.w.t(k)?.tags.has('Adverb')) k += 1;
    const verb = this.w.t(k);
    const beforeColon = verb?.kind === 'word' && isPunct(this.w.t(k + 1), ':');
    // "Roe shrugs.": a reaction verb ending the sentence is its verb, though the tagger reads "shrugs" as a noun.
    const reaction = !!verb && REACTION_VERBS.has(verb.lower) && isPunct(this.w.t(k + 1), '.');
    if (
      !verb ||
      !(
        verb.tags.has('Verb') ||
        verb.tags.has('Modal') ||
        SKIPPABLE.has(verb.lower) ||
        beforeColon ||
        reaction
      )
    ) {
      // "A man in his sixties who has lived there for 30 years was less forgiving.": someone unnamed opens
      // the sentence, whatever follows the phrase, so a "he said" after it is not the last named man's. Not
      // an apposition read as the subject after a long opener ("With Jan Novak, a maker who …").
      const apposition = isPunct(this.w.t(i - 1), ',') && !!this.w.endingAt(i - 2);
      if (np.opaque && !np.span && !apposition && !this.describesSubjectAfter(np.end))
        if (INDEFINITE.has(this.w.t(i)?.lower ?? '')) this.d.addEvent(i, OPAQUE);
      return null;
    }
    for (const span of np.coordinated) this.d.markSalient(span);
    // "Harjit Dhillon has traded there since 1996.": a full name no dictionary knows a word of, doing
    // something as a sentence's subject, is someone a "he said" after it can mean.
    if (np.span && !np.span.entity && namesNoDictionaryKnows(np.span)) this.d.speakerOf(np.span);
    if (np.span?.entity) this.d.markSalient(np.span, true);
    else if (np.speaker) this.d.addEvent(i, np.speaker);
    else if (np.opaque) this.d.addEvent(i, OPAQUE);
    return np;
  }

  /**
   * "A keen gardener who has lived here for years, she said": a phrase opening the sentence describes the
   * subject after its comma (a pronoun or a name), and is no subject of its own.
   */
  private describesSubjectAfter(end: number): boolean {
    for (let k = end + 1; k < this.w.unitTo; k++) {
      const t = this.w.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, ';', ':')) return false;
      if (isPunct(t, ',')) return PRONOUNS.has(this.w.t(k + 1)?.lower ?? '') || !!this.w.startingAt(k + 1);
    }
    return false;
  }

  /** Whether the word at `k` opens another aside rather than the verb: a relative word or a description. */
  private opensAside(k: number): boolean {
    const t = this.w.t(k);
    // "Jane Roe, 58, who runs the pub, fumed:": whatever the tagger calls it, a word before a colon is the verb.
    if (isPunct(this.w.t(k + 1), ':')) return false;
    if (!t || t.kind !== 'word' || SKIPPABLE.has(t.lower) || t.tags.has('Adverb')) return false;
    return isWord(t, 'who', 'which', 'whose') || !(t.tags.has('Verb') || t.tags.has('Modal'));
  }

  /** Jumps back over ", director of Foo," or ", who …," to the name it describes. */
  /** "the Acme bakery": the business's name before the word that says what kind of business it is, at `i`. */
  private businessBefore(i: number): NameSpan | null {
    if (!VENUE_NOUNS.has(this.w.t(i)?.lower ?? '')) return null;
    const span = this.w.endingAt(i - 1);
    const the = span ? isWord(this.w.t(span.first - 1), 'the') : false;
    return span && the && !span.possessive && span.kind !== 'person' && span.kind !== 'place' ? span : null;
  }

  private nameBeforeApposition(comma: number, nameAsApposition = true): NameSpan | null {
    const tokens = this.w.tokens();
    const text = this.w.text();
    for (let k = comma - 1; k >= Math.max(this.w.unitFrom, comma - APPOSITION_REACH); k--) {
      const t = this.w.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, ';')) break;
      if (!isPunct(t, ',')) continue;
      const span = this.w.endingAt(this.w.beforeParenthesis(k - 1)) ?? this.businessBefore(k - 1);
      if (!span) {
        // "Jane Roe of the county police, who led the inquiry, said": no name ends before the comma.
        const owner = isWord(this.w.t(k + 1), 'who') ? this.affiliatedPerson(k - 1) : null;
        if (owner) return owner;
        continue;
      }
      // "Jane Roe, 31, who pulls pints, said", "Sen. Jane Roe, R-Ky., who …, said": an age or a party tag
      // before the description is an aside of its own.
      const tag = shortAsideEnd(tokens, k + 1);
      const afterAside = tag > k + 1 && isPunct(this.w.t(tag), ',') ? tag : k;
      const opener = this.w.t(afterAside + 1);
      const between = tokens.slice(afterAside + 1, comma);
      const relative = isWord(opener, 'who', 'which', 'whose');
      const end = appositionAfter(tokens, k - 1, text)?.end;
      // "Jane Roe, a salesman from Sumter, South Carolina, said": the apposition may end in a town's state.
      const state = this.w.endingAt(comma - 1);
      const apposition =
        end === comma - 1 ||
        (end !== undefined &&
          state?.kind === 'place' &&
          state.first === end + 2 &&
          isPunct(this.w.t(end + 1), ','));
      // "Jane Roe, a member of parliament who represents the district, said": the description may end in
      // a relative clause of its own.
      const relativeTail = end !== undefined && isWord(this.w.t(end + 1), 'who', 'which', 'that', 'whose');
      const incidental =
        between.every((b) => SKIPPABLE.has(b.lower) || b.tags.has('Adverb') || /^\d+$/u.test(b.text)) ||
        // "Jones, speaking on Monday, said", "Jones, asked about the cuts, said", "Jones, when asked, said",
        // "Jones, in a statement, said".
        (!!opener &&
          !opener.capitalised &&
          (opener.tags.has('Gerund') ||
            /ing$/u.test(opener.lower) ||
            ASIDE_OPENERS.has(opener.lower) ||
            ADVERBIAL_OPENERS.has(opener.lower) ||
            PREPOSITIONS.has(opener.lower)));
      // "Jane Roe, president of the Pilots Association, which represents …, said": a relative clause
      // describes the last name of an apposition; the subject is the name the apposition describes.
      // "Jane Roe of the Brookings Institution, who …, said": "who" is the person's, not the institution's.
      if (relative) return this.nameBeforeApposition(k, false) ?? this.affiliatedPerson(k - 1) ?? span;
      if (apposition || relativeTail || incidental) {
        // "Jane Roe, director of the Acme Fund, a local charity, said": a name governed by a preposition ends
        // an apposition of the person before it, and its own apposition describes it, not the subject.
        if (this.governedByPreposition(span)) {
          const person = this.nameBeforeApposition(k, false) ?? this.affiliatedPerson(k - 1);
          if (person && this.isPerson(person)) return person;
          // "The lawyer for Tom Reed, speaking on Monday, said": a person after a preposition is the
          // description's, and the description, which names no one, is the subject.
          if (this.isPerson(span)) return null;
        }
        return span;
      }
    }
    // "A spokesman, John Doe, said": the name is itself the apposition.
    // "… from Sumter, South Carolina, says": a place after a comma ends an address, it is no apposition.
    // "South Korea-based Korvane Cell Co., said": an abbreviation's full stop ends the name.
    const last = isPunct(this.w.t(comma - 1), '.') ? comma - 2 : comma - 1;
    const named = nameAsApposition ? this.w.endingAt(last) : undefined;
    // "Another client, retired firefighter John Doe, said": the apposition may describe the name first.
    if (named && named.kind !== 'place' && isPunct(this.w.t(this.w.phraseStart(named) - 1), ','))
      return named;
    // "Another analyst, John Doe of Doe Capital, said": the person the organisation is named after.
    const owner =
      named && isWord(this.w.t(named.first - 1), 'of', 'at') ? this.w.endingAt(named.first - 2) : undefined;
    return owner?.kind === 'person' && isPunct(this.w.t(this.w.phraseStart(owner) - 1), ',') ? owner : null;
  }

  /** Whether a preposition governs the name, over a determiner ("director of the Acme Fund"). */
  private governedByPreposition(span: NameSpan): boolean {
    const start = this.w.phraseStart(span);
    const before = isWord(this.w.t(start - 1), 'the') ? this.w.t(start - 2) : this.w.t(start - 1);
    return !!before && before.kind === 'word' && PREPOSITIONS.has(before.lower);
  }

  /** Whether a name may be a person's: neither it nor its entity is an organisation or a place. */
  private isPerson(span: NameSpan): boolean {
    const kind = this.d.entity(span.entity)?.kind ?? span.kind;
    return (
      kind !== 'organisation' && kind !== 'place' && span.kind !== 'organisation' && span.kind !== 'place'
    );
  }

  /**
   * "Jane Roe of the Brookings Institution", "Jane Roe at the county police station": the person named right
   * before "of" or "at" and the body (a name, or a description of a few words) ending at `end`.
   */
  private affiliatedPerson(end: number): NameSpan | null {
    const span = this.w.endingAt(end);
    let k = span ? span.first - 1 : end;
    for (let n = 0; !span && n < MAX_DESCRIPTION_WORDS; n++) {
      const t = this.w.t(k);
      // Any word up to the determiner: the tagger reads nouns of a body's description as verbs ("police").
      if (!t || t.kind !== 'word' || DETERMINERS.has(t.lower) || PREPOSITIONS.has(t.lower)) break;
      k -= 1;
    }
    if (DETERMINERS.has(this.w.t(k)?.lower ?? '')) k -= 1;
    if (!isWord(this.w.t(k), 'of', 'at')) return null;
    const owner = this.w.endingAt(k - 1);
    const person = owner?.kind === 'person' || this.d.entity(owner?.entity ?? null)?.kind === 'person';
    return owner && !owner.possessive && person ? owner : null;
  }

  /**
   * “…,” Jane Roe, refugee program director at the Duluth Trust, said: a name right after a quote, set off by
   * commas up to the verb, is its subject whatever the description between says, as long as that description
   * has no clause of its own (no pronoun or relative word) and does not end a list of names ("Roe, Lee and
   * Park said").
   */
  private nameRightAfterQuote(comma: number): NameSpan | null {
    let open = -1;
    for (let k = comma - 1; k >= Math.max(this.w.unitFrom, comma - APPOSITION_REACH); k--) {
      const t = this.w.t(k);
      if (!t || isPunct(t, ';', ':')) return null;
      if (t.kind === 'quote') {
        open = k;
        break;
      }
      if (t.kind === 'word' && (PRONOUNS.has(t.lower) || NOT_AN_APPOSITION.has(t.lower))) {
        // "and" is allowed inside the description ("population, refugees, and migration"), not before a name.
        if (!isWord(t, 'and') || this.w.startingAt(k + 1)) return null;
      }
    }
    if (open < 0) return null;
    const first = isPunct(this.w.t(open + 1), ',') ? open + 2 : open + 1;
    const span = this.w.startingAt(first);
    if (!span || span.possessive || span.kind === 'place' || !isPunct(this.w.t(span.last + 1), ','))
      return null;
    return span.last + 1 < comma ? span : null;
  }

  /** A one-word name span made on demand for a word the registry passed over. */
  private spanFor(index: number): NameSpan {
    const analysed = this.w.paragraphs[this.w.p];
    const token = this.w.tokens()[index];
    const span: NameSpan = {
      paragraph: this.w.p,
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
    this.w.addSpan(span);
    this.d.addUnnamed(index);
    return span;
  }

  /** The subject of the speech verb at `v`, read backwards over auxiliaries, adverbs and time words. */
  private subjectBefore(v: number): Subject {
    const verb = this.w.t(v);
    let j = v - 1;
    let passive = false;
    for (let n = 0; n < MAX_WORDS_BEFORE_VERB && this.w.t(j) && this.w.t(j)?.kind === 'word'; n++) {
      const t = this.w.t(j);
      if (
        !t ||
        !(SKIPPABLE.has(t.lower) || (t.tags.has('Adverb') && !PRONOUNS.has(t.lower)) || /^\d+$/u.test(t.text))
      )
        break;
      if (BE_FORMS.has(t.lower)) passive = true;
      j -= 1;
    }
    // "Roe, however, admitted": a connective set off by commas is an aside between subject and verb.
    if (
      isPunct(this.w.t(j), ',') &&
      LEAD_SKIP.has(this.w.t(j - 1)?.lower ?? '') &&
      isPunct(this.w.t(j - 2), ',')
    )
      j -= 3;
    j = this.w.beforeParenthesis(j);
    const none: Subject = { speaker: null, npStart: j + 1 };
    // "Smith was told", "it was said": whoever the subject is, they did not speak.
    if (passive && verb && !verb.lower.endsWith('ing')) return { ...none, passive: true };
    const t = this.w.t(j);
    if (!t) return none;
    if (t.kind === 'quote' || (isPunct(t, ',', '—', '–') && this.w.t(j - 1)?.kind === 'quote'))
      return { ...none, afterQuote: true };
    // "Sen. Jane Roe (D-Ohio), said": a stray comma after a party tag in brackets sets nothing apart.
    const partyTag =
      isPunct(t, ',') && isPunct(this.w.t(j - 1), ')') && PARTY_TAG.test(this.w.t(j - 2)?.text ?? '');
    const tagged = partyTag ? this.w.endingAt(this.w.beforeParenthesis(j - 1)) : undefined;
    if (tagged) return { speaker: this.d.speakerOf(tagged), npStart: this.w.phraseStart(tagged) };
    if (isPunct(t, ',')) {
      const span = this.nameBeforeApposition(j) ?? this.nameRightAfterQuote(j);
      return span ? { speaker: this.d.speakerOf(span), npStart: this.w.phraseStart(span) } : none;
    }
    if (isWord(t, 'who', 'which')) {
      // "Jane Roe, who …" or "Jane Roe, the union's negotiator, who …".
      const comma = isPunct(this.w.t(j - 1), ',');
      // "Jane Roe, 24, from Leeds, who …": a place takes "where", not "who".
      const named = this.w.endingAt(comma ? j - 2 : j - 1);
      // "Jane Roe, 74, a retired carrier from Dayton who said": a name governed by a preposition is not what
      // "who" refers to; the description's own name is, before its comma.
      const governed =
        !comma && !!named && PREPOSITIONS.has(this.w.t(this.w.phraseStart(named) - 1)?.lower ?? '');
      let before = j - 1;
      while (governed && before > this.w.unitFrom && !isPunct(this.w.t(before), ',')) before -= 1;
      const span = governed
        ? this.nameBeforeApposition(before)
        : ((named?.kind === 'place' ? null : named) ??
          (comma ? this.nameBeforeApposition(j - 1, false) : null));
      return span ? { speaker: this.d.speakerOf(span), npStart: j } : none;
    }
    if (t.kind === 'word' && PRONOUNS.has(t.lower)) {
      // "“…?” Roe asked. “…,” she replied": whoever replies is not who asked.
      // "The judge asked him to explain. “…,” he said": nor is whoever asked it of "him".
      const asker = REPLY_VERBS.has(verb?.lower ?? '') ? this.d.recentAsker() : this.d.askerOf(t.lower);
      const speaker = this.d.resolvePronoun(t.lower, j, asker);
      if (speaker) this.d.addEvent(j, speaker);
      return { speaker, npStart: j };
    }
    const span = this.w.endingAt(j);
    if (span) return this.subjectFromSpan(span);
    if (t.kind === 'word' && t.capitalised) {
      // "Tesla said …": a sentence opening with an unfamiliar word that speaks names a speaker.
      const opensSentence = j === this.w.firstWord();
      const common = t.tags.has('Plural') || lexiconTags(t.lower).some((tag) => !NAME_TAGS.has(tag));
      if (opensSentence && !common && !PRONOUNS.has(t.lower)) {
        const span = this.spanFor(j);
        return { speaker: this.d.speakerOf(span), npStart: j };
      }
      this.d.addEvent(j, OPAQUE);
      return none;
    }
    if (isWord(t, 'and', 'or', 'but')) {
      // "said Roe, who is 34 and has said …": the verb shares the subject of the relative clause it ends.
      for (let m = j - 1; m >= this.w.unitFrom; m--) {
        const before = this.w.t(m);
        if (!before || before.kind !== 'word') break;
        if (isWord(before, 'who')) return this.subjectBefore(m + 1);
      }
      const main = this.mainSubject();
      // Not attachable to a quote before it: "“…” and accused X" has no subject after the quote.
      return { speaker: this.d.claim(main), npStart: -1 };
    }
    // "Jane Roe went on to say", "Roe continued by saying": the subject of the verb the infinitive depends on.
    const governing = isWord(t, 'to', 'by') ? (isWord(this.w.t(j - 1), 'on') ? j - 2 : j - 1) : -1;
    const governor = this.w.t(governing);
    if (governor && finiteVerb(governor) && !SKIPPABLE.has(governor.lower))
      return this.subjectBefore(governing);
    if (t.kind === 'word' && !t.capitalised) {
      // A description before the verb: parse it from its determiner.
      let k = j;
      while (
        k - 1 >= this.w.unitFrom &&
        this.w.t(k - 1)?.kind === 'word' &&
        !DETERMINERS.has(this.w.t(k - 1)?.lower ?? '') &&
        !PREPOSITIONS.has(this.w.t(k - 1)?.lower ?? '') &&
        j - k < MAX_DESCRIPTION_WORDS &&
        !this.w.t(k - 1)?.tags.has('Verb')
      )
        k -= 1;
      const start = DETERMINERS.has(this.w.t(k - 1)?.lower ?? '') ? k - 1 : k;
      // "Jane Roe of the county police station said": the person named before "of" or "at" is the subject.
      const affiliated = this.affiliatedPerson(j);
      if (affiliated)
        return { speaker: this.d.speakerOf(affiliated), npStart: this.w.phraseStart(affiliated) };
      // "a spokesman for the firm said": someone unnamed speaks, and the firm is not a person to resolve.
      const owner = this.w.t(start - 2);
      if (
        PREPOSITIONS.has(this.w.t(start - 1)?.lower ?? '') &&
        owner &&
        (isRoleNoun(owner) || SPOKES.has(owner.lower))
      ) {
        this.d.addEvent(start - 2, OPAQUE);
        return { speaker: null, npStart: start - 2 };
      }
      // "“…,” her husband says": the spouse of the one the pronoun means, by the surname they share.
      const possessor = this.w.t(start);
      const tie = SPOUSES.get(this.w.t(j)?.lower ?? '');
      if (j === start + 1 && tie && isWord(possessor, 'her', 'his')) {
        const spouse = this.d.spouseOf(isWord(possessor, 'her') ? 'she' : 'he', start, tie);
        if (spouse) {
          this.d.addEvent(start, spouse);
          return { speaker: spouse, npStart: start };
        }
      }
      const np = this.nounPhrase(start);
      if (np && np.end === j) {
        // "He asked Mr Roe whether … “…,” the witness replied": a description that names no one, replying
        // to a question put to someone by name, is the one asked.
        const asked =
          !np.speaker && isWord(this.w.t(start), 'the') && REPLY_VERBS.has(verb?.lower ?? '')
            ? this.d.recentlyAsked()
            : null;
        const speaker = np.speaker ?? asked;
        if (speaker) this.d.addEvent(start, speaker);
        else if (np.opaque) this.d.addEvent(start, OPAQUE);
        return { speaker, npStart: start };
      }
    }
    return none;
  }

  private subjectFromSpan(span: NameSpan): Subject {
    // "the MP wrote", "the Lord Mayor said": a role in capitals after "the" describes someone named before.
    const role = isRoleAcronym(span) || roleInCapitals(span.words);
    if (role && isWord(this.w.t(span.first - 1), 'the')) {
      const start = span.first - 1;
      const speaker = this.d.resolveDescription(span.words.at(-1)?.toLowerCase() ?? '', start, null);
      this.d.addEvent(start, speaker ?? OPAQUE);
      return { speaker, npStart: start };
    }
    let b = span.first - 1;
    if (isWord(this.w.t(b), 'the')) b -= 1;
    const before = this.w.t(b);
    if (before && PREPOSITIONS.has(before.lower) && before.kind === 'word') {
      // "a spokesman for the Port Authority said" / "the director of Foo said": the name is not the subject.
      const head = this.w.t(b - 1);
      if (!head || head.kind !== 'word') return { speaker: null, npStart: span.first };
      // "Minister for Housing Ana Ruiz said", "Speaker of the House Ana Ruiz said": a title in capitals before
      // the preposition makes the role the name's own title.
      if (
        head.capitalised &&
        TITLES.has(stripDot(head.text)) &&
        span.title.length > 0 &&
        span.kind === 'person'
      )
        return { speaker: this.d.speakerOf(span), npStart: b - 1 };
      // "Jane Roe of the Brookings Institution said": the person named before "of" or "at" is the subject.
      const owner = this.affiliatedPerson(span.last);
      if (owner) return { speaker: this.d.speakerOf(owner), npStart: this.w.phraseStart(owner) };
      let start = b - 1;
      while (
        start - 1 >= this.w.unitFrom &&
        this.w.t(start - 1)?.kind === 'word' &&
        (DETERMINERS.has(this.w.t(start - 1)?.lower ?? '') || this.w.t(start - 1)?.tags.has('Adjective'))
      )
        start -= 1;
      if (SPOKES.has(head.lower) && isWord(before, 'for', 'of', 'at')) {
        // "a spokesperson for Roe said": a person's spokesperson, as a person's lawyer, is someone
        // unnamed speaking on their behalf; an organisation speaks only through such a voice.
        if (span.kind === 'person' || this.d.entity(span.entity)?.kind === 'person') {
          this.d.addEvent(start, OPAQUE);
          return { speaker: null, npStart: start };
        }
        return { speaker: this.d.speakerOf(span), npStart: start };
      }
      if (isRoleNoun(head) && isWord(this.w.t(start), 'the')) {
        const modifiers = this.w
          .tokens()
          .slice(start + 1, b - 1)
          .filter((m) => m.kind === 'word' && !m.capitalised)
          .map((m) => m.lower);
        const speaker = this.d.resolveDescription(head.lower, start, span, modifiers);
        if (speaker) this.d.addEvent(start, speaker);
        return { speaker, npStart: start };
      }
      return { speaker: null, npStart: start };
    }
    // "Smith and Brown said", "Smith, Jones and Brown said": several speakers, none of them alone.
    const listed = this.w.endingAt(isPunct(this.w.t(b - 1), ',') ? b - 2 : b - 1);
    if (isWord(before, 'and', 'or', '&') && listed) return { speaker: null, npStart: span.first };
    return { speaker: this.d.speakerOf(span), npStart: this.w.phraseStart(span) };
  }

  /** Whether the word at `i` of the current unit is a speech verb. */
  isCue(i: number): boolean {
    const t = this.w.t(i);
    return !!t && this.isSpeechVerb(t, i);
  }

  /**
   * "according to a court filing signed by Jane Roe": the author named after the document, after "by" or an
   * author's participle and "by"; null when none is.
   */
  private authorOf(k: number): string | null {
    if (isWord(this.w.t(k), ...AUTHORED)) k += 1;
    if (!isWord(this.w.t(k), 'by')) return null;
    const np = this.nounPhrase(k + 1);
    return np?.span ? this.d.claim(np) : null;
  }

  private isSpeechVerb(t: Token, i: number): boolean {
    if (t.kind !== 'word') return false;
    if (INVERTED_ONLY.has(t.lower)) {
      const before = isPunct(this.w.t(i - 1), ',') ? this.w.t(i - 2) : this.w.t(i - 1);
      // "Jones continued:" leads the quote in, as “…,” Jones continued closes it.
      return before?.kind === 'quote' || isPunct(this.w.t(i + 1), ':') || this.verbOfQuoteSubject(t, i);
    }
    const known = INVERTIBLE.has(t.lower) || NOT_INVERTIBLE.has(t.lower) || PARTICIPLES.has(t.lower);
    if (known && (SURE_VERBS.has(t.lower) || t.tags.has('Verb') || t.tags.has('Gerund'))) return true;
    return this.verbOfQuoteSubject(t, i) || this.verbBeforeQuoteSubject(t, i);
  }

  /**
   * “…!” beamed Jane Roe / “…,” remembered Tom Reed, the firm's spokesman: the inverted order of the same
   * attribution, with the name right after a verb in the past tense that follows the quote, and nothing but
   * the end of the sentence, an apposition or a relative clause after the name.
   */
  private verbBeforeQuoteSubject(t: Token, i: number): boolean {
    if (!finiteVerb(t) || !t.tags.has('PastTense') || t.capitalised) return false;
    const q = isPunct(this.w.t(i - 1), ',') ? i - 2 : i - 1;
    const quote = this.w.t(q);
    if (quote?.kind !== 'quote' || !this.w.opensUnit(q)) return false;
    if (!/[,?!—–-]\s*["”’»]?$/u.test(this.w.text().slice(quote.start, quote.end))) return false;
    const name = this.w.startingAt(i + 1);
    if (!name || name.kind === 'place' || name.possessive) return false;
    const after = this.w.t(name.last + 1);
    return !after || isPunct(after, '.', ',', ';', '!', '?') || isWord(after, 'of', 'who', 'from');
  }

  /**
   * “…,” Jones fumed / “…?” she shot back: a quote that opens its sentence and ends on a comma, question or
   * exclamation mark waits for its speaker, so the verb right after its subject is the speech verb, whichever
   * verb it is. No list of speech verbs can hold every "barked", "pressed" or "points out" news writers use.
   */
  private verbOfQuoteSubject(t: Token, i: number): boolean {
    // “…,” Roe campaign spokeswoman Ana Ruiz said: a word before a role is a noun modifying it, whatever the
    // tagger says ("campaign"), and the name is the role's, not the subject of a verb.
    if (!(finiteVerb(t) || this.endsClause(t, i)) || this.roleOfName(i + 1)) return false;
    const span = this.w.endingAt(i - 1);
    const pronoun = this.w.t(i - 1);
    // A "he" that resolves to no one leaves the quote to the continuation of the speaker before.
    const resolves = isWord(pronoun, 'he', 'she') && !!this.d.resolvePronoun(pronoun?.lower ?? '', i - 1);
    const start = span ? this.w.phraseStart(span) : resolves ? i - 1 : -1;
    if (start < 0) return false;
    let q = start - 1;
    while (isPunct(this.w.t(q), ',', '—', '–')) q -= 1;
    const quote = this.w.t(q);
    if (quote?.kind !== 'quote' || !this.w.opensUnit(q)) return false;
    const raw = this.w.text().slice(quote.start, quote.end);
    if (/[,—–-]\s*["”’»]?$/u.test(raw)) return true;
    // After “…?” or “…!” the sentence may have ended with the quote ("“Help!” Jones ran to the door"): the
    // verb is the quote's own only when the clause stops after it ("Jones shouted.", "she shot back,").
    if (!/[?!]\s*["”’»]?$/u.test(raw)) return false;
    const after =
      this.w.t(i + 1)?.kind === 'word' && !this.w.t(i + 1)?.capitalised ? this.w.t(i + 2) : this.w.t(i + 1);
    return !after || after.kind === 'punct';
  }

  /**
   * A role word at `k` ("spokeswoman"), or one in capitals as a title of the name right after it ("Chairman
   * Jane Roe"): the word before it modifies the role.
   */
  private roleOfName(k: number): boolean {
    const t = this.w.t(k);
    if (isPersonNoun(t)) return true;
    if (!t?.capitalised || t.sentenceInitial || !isPersonNoun({ ...t, capitalised: false })) return false;
    const span = this.w.startingAt(k) ?? this.w.startingAt(k + 1);
    return !!span && span.kind !== 'organisation' && span.kind !== 'place';
  }

  /**
   * “…,” Roe cut in. / “…,” she chipped in: a lower-case word that ends the clause, alone or with an adverb
   * particle, can only be the verb of the subject before it, though the tagger reads it as a noun ("cut").
   */
  private endsClause(t: Token, i: number): boolean {
    if (t.kind !== 'word' || t.capitalised || t.tags.has('Pronoun') || t.tags.has('Determiner')) return false;
    if (PREPOSITIONS.has(t.lower) || isRoleNoun(t)) return false;
    const next = this.w.t(i + 1);
    const end = (k: Token | undefined) => !k || isPunct(k, '.', ',', '!', '?', ';');
    return end(next) || (!!next && VERB_PARTICLES.has(next.lower) && end(this.w.t(i + 2)));
  }

  /**
   * "Jones estimated that there are “…”": a verb taking a that-clause reports what its subject said or
   * thought, so a named subject speaks the quote in it. Read only where a quote follows, and only for a
   * subject the text names, so an unnamed one ("polls show that") never blocks other evidence.
   */
  private thatClauseCue(t: Token, i: number): Cue | null {
    if (!finiteVerb(t) || !isWord(this.w.t(i + 1), 'that')) return null;
    const quoteAfter = this.w
      .tokens()
      .slice(i + 2, this.w.unitTo + 1)
      .some((k) => k.kind === 'quote');
    if (!quoteAfter) return null;
    const previous = this.w.t(i - 1);
    const named = !!this.w.endingAt(this.w.beforeParenthesis(i - 1)) || isWord(previous, 'he', 'she');
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

  /**
   * "was, in her words, “…”", "by his own account": the words' owner, a person the pronoun resolves to or a
   * name in the possessive, is the source of the quote, as with "according to". Not "their" (a group).
   */
  private ownWords(i: number): Cue | null {
    if (!isWord(this.w.t(i), 'in', 'by')) return null;
    const owner = this.w.t(i + 1);
    const named = this.w.startingAt(i + 1);
    const ownerEnd = named?.possessive ? named.last : isWord(owner, 'her', 'his') ? i + 1 : -1;
    if (ownerEnd < 0) return null;
    const noun = isWord(this.w.t(ownerEnd + 1), 'own') ? ownerEnd + 2 : ownerEnd + 1;
    if (!OWN_WORDS_NOUNS.has(this.w.t(noun)?.lower ?? '') || this.w.t(noun)?.kind !== 'word') return null;
    const speaker = named?.possessive
      ? this.d.speakerOf(named)
      : this.d.resolvePronoun(isWord(owner, 'his') ? 'he' : 'she', i + 1);
    if (speaker && !named) this.d.addEvent(i + 1, speaker);
    return { index: i, kind: 'according', speaker, npStart: i, inverted: false };
  }

  /**
   * "As the Echo's Jane Roe puts it, Doe is making them “…”": "as", a noun phrase, a verb of saying ("puts
   * it", "noted") and a comma give the source of the sentence's words, as "according to" does.
   */
  private asPutIt(i: number): Cue | null {
    if (!isWord(this.w.t(i), 'as')) return null;
    const before = this.w.t(i - 1);
    if (i !== this.w.firstWord() && !isPunct(before, ',') && !LEAD_SKIP.has(before?.lower ?? '')) return null;
    let np = this.nounPhrase(i + 1);
    // "The Echo's Jane Roe": the owner before the person.
    const owner = this.w.startingAt(i + 1) ?? this.w.startingAt(i + 2);
    if (owner?.possessive) np = this.nounPhrase(owner.last + 1);
    if (!np || !(np.span || np.speaker)) return null;
    const verb = this.w.t(np.end + 1);
    if (!verb || !AS_SOURCE_VERBS.has(verb.lower)) return null;
    const end = isWord(this.w.t(np.end + 2), 'it') ? np.end + 3 : np.end + 2;
    if (!isPunct(this.w.t(end), ',')) return null;
    return { index: i, kind: 'according', speaker: this.d.claim(np), npStart: i, inverted: false };
  }

  /** Every speech cue in the current unit, left to right, with its speaker resolved. */
  cues(): Cue[] {
    const cues: Cue[] = [];
    for (let i = this.w.unitFrom; i <= this.w.unitTo; i++) {
      const t = this.w.t(i);
      if (!t || t.kind !== 'word') continue;
      if (t.lower === 'according' && isWord(this.w.t(i + 1), 'to')) {
        const np = this.nounPhrase(i + 2);
        // "according to her, “…”": the object pronoun standing alone is the subject pronoun's person.
        const object = this.w.t(i + 2);
        const pronoun = isWord(object, 'him', 'her') && this.w.t(i + 3)?.kind !== 'word';
        const speaker = pronoun
          ? this.d.resolvePronoun(isWord(object, 'him') ? 'he' : 'she', i + 2)
          : ((np && !np.span && !np.speaker ? this.authorOf(np.end + 1) : null) ?? this.d.claim(np));
        cues.push({ index: i, kind: 'according', speaker, npStart: i, inverted: false });
        if (speaker && !np?.span) this.d.addEvent(i + 2, speaker);
        continue;
      }
      const owned = this.ownWords(i) ?? this.asPutIt(i);
      if (owned) {
        cues.push(owned);
        continue;
      }
      if (this.isSpeechVerb(t, i)) {
        const previous = this.w.t(i - 1);
        if (PARTICIPLES.has(t.lower)) {
          if (previous && (DETERMINERS.has(previous.lower) || previous.possessive)) continue;
          // "…, with Jane Roe calling it “…”", "Roe saying …, and Tom Lee calling it …": a name right before
          // the participle is its own subject, not the clause's.
          // "a statement to Wired explaining …": a name governed by a preposition is no subject, but for "with"
          // opening a clause of its own ("with Jane Roe calling it …").
          const own = this.w.endingAt(this.w.beforeParenthesis(i - 1));
          const governing = own ? this.w.t(this.w.phraseStart(own) - 1) : undefined;
          const governed = PREPOSITIONS.has(governing?.lower ?? '') && !isWord(governing, 'with');
          if (own && !governed && own.kind !== 'place') {
            cues.push({
              index: i,
              kind: 'verb',
              speaker: this.d.speakerOf(own),
              npStart: own.first,
              inverted: false,
            });
            continue;
          }
          const earlier = [...cues].reverse().find((c) => c.kind === 'verb');
          const speaker = earlier ? earlier.speaker : this.d.claim(this.mainSubject());
          cues.push({ index: i, kind: 'verb', speaker, npStart: i, inverted: false });
          continue;
        }
        const subject = this.subjectBefore(i);
        if (subject.afterQuote) {
          if (!INVERTIBLE.has(t.lower) && !this.verbBeforeQuoteSubject(t, i)) {
            cues.push({ index: i, kind: 'verb', speaker: null, npStart: i, inverted: true });
            continue;
          }
          const np = this.nounPhrase(i + 1);
          const speaker = this.d.claim(np);
          if (speaker && !np?.span) this.d.addEvent(i + 1, speaker);
          else if (!speaker && np?.opaque) this.d.addEvent(i + 1, OPAQUE);
          cues.push({ index: i, kind: 'verb', speaker, npStart: i, inverted: true });
          continue;
        }
        // "Talks collapsed, said Jane Roe": reported speech with the speaker after the verb.
        // "Said Jane Roe: “…”": a verb opening its sentence has its speaker after it too.
        // Not "asked": "…, the MP for Eastby, asked Jane Roe why …" puts the question to Jane Roe.
        const inverted =
          !subject.speaker &&
          (isPunct(previous, ',') || i === this.w.firstWord()) &&
          INVERTIBLE.has(t.lower) &&
          !ASKING_VERBS.has(t.lower)
            ? this.nounPhrase(i + 1)
            : null;
        // "…, says Roe will win": a verb after the name makes it the subject of what was said.
        const after = inverted ? this.w.t(inverted.end + 1) : undefined;
        const clauseAfter = !!after && (after.tags.has('Verb') || after.tags.has('Modal'));
        if (inverted?.span && !clauseAfter) {
          cues.push({ index: i, kind: 'verb', speaker: this.d.claim(inverted), npStart: i, inverted: true });
          continue;
        }
        cues.push({
          index: i,
          kind: 'verb',
          speaker: subject.speaker,
          npStart: subject.npStart,
          inverted: false,
          passive: subject.passive,
        });
        continue;
      }
      const reported = this.thatClauseCue(t, i);
      if (reported) {
        cues.push(reported);
        continue;
      }
      if (SPEECH_NOUNS.has(t.lower)) {
        const next = this.w.t(i + 1);
        if (isWord(next, 'from', 'by')) {
          const np = this.nounPhrase(i + 2);
          const reporter = cues.some((c) => c.kind === 'verb' && c.speaker);
          if ((np?.span || np?.speaker) && !(reporter && this.predicateOfPhrase(np.end)))
            cues.push({ index: i, kind: 'noun', speaker: this.d.claim(np), npStart: i, inverted: false });
          continue;
        }
        const owner = this.w.endingAt(i - 1);
        const introduces =
          isWord(next, 'for', 'that', 'to', 'of') ||
          isPunct(next, ':') ||
          next?.kind === 'quote' ||
          this.w.t(i + 2)?.kind === 'quote';
        const reporter = cues.some((c) => c.kind === 'verb' && c.speaker);
        if (owner?.possessive && introduces && !this.predicateAfter(i, reporter))
          cues.push({
            index: i,
            kind: 'noun',
            speaker: this.d.speakerOf(owner),
            npStart: owner.first,
            inverted: false,
          });
      }
    }
    for (const cue of cues)
      if (cue.speaker && ASKING_VERBS.has(this.w.t(cue.index)?.lower ?? '')) {
        const named = this.w.startingAt(cue.index + 1);
        const asked = named && !named.possessive && named.kind !== 'place' ? this.d.speakerOf(named) : null;
        this.d.noteAsker(cue.speaker, this.w.t(cue.index + 1)?.lower ?? null, asked);
      }
    return cues;
  }

  /**
   * "Doe said Roe's comments are “…”", "… that Roe's remarks “sound petty”": a speech noun followed by a verb,
   * its own or the quote's first word, is the subject of a clause about the words, and the quote is what
   * someone else says of them, not the words themselves.
   */
  private predicateAfter(i: number, reporter: boolean): boolean {
    const next = this.w.t(i + 1);
    if (!next) return false;
    if (next.kind === 'word')
      return !next.capitalised && (BE_FORMS.has(next.lower) || next.tags.has('Modal') || finiteVerb(next));
    // "Doe told reporters that Roe's comments “sounds petty”": the quote ends the reported clause as its
    // predicate, in lower case, so it is the reporter's words about the comments (the tagger, reading the
    // quote alone, cannot tell "sounds" is a verb).
    const first = this.w.paragraphs[this.w.p]?.inner[next.quote]?.find((t) => t.kind === 'word');
    const endsUnit = this.w
      .tokens()
      .slice(i + 2, this.w.unitTo + 1)
      .every((t) => t.kind === 'punct');
    return reporter && endsUnit && !!first && !first.capitalised;
  }

  /**
   * "Acme said that a declaration by the council to the tribunal “shows …”": after the phrase ending at
   * `end` and a prepositional phrase or two, the quote ends the reported clause as its predicate, in lower
   * case, so the phrase is the subject of the reporter's words, not their source.
   */
  private predicateOfPhrase(end: number): boolean {
    let k = end + 1;
    while (k <= this.w.unitTo && this.w.t(k)?.kind === 'word' && !finiteVerb(this.w.t(k)!)) k += 1;
    const quote = this.w.t(k);
    if (quote?.kind !== 'quote') return false;
    const first = this.w.paragraphs[this.w.p]?.inner[quote.quote]?.find((t) => t.kind === 'word');
    const endsUnit = this.w
      .tokens()
      .slice(k + 1, this.w.unitTo + 1)
      .every((t) => t.kind === 'punct');
    return endsUnit && !!first && !first.capitalised;
  }

  /** After a comma (", but Jones remained “…”") a new clause with its own verb takes the quote away from the cue. */
  clauseChangeBetween(from: number, to: number): boolean {
    for (let k = from + 1; k < to; k++) {
      const t = this.w.t(k);
      if (isPunct(t, ';')) return true;
      if (this.subordinateClauseTo(k, to)) return true;
      if (!(t && CLAUSE_CONJUNCTIONS.has(t.lower) && isPunct(this.w.t(k - 1), ','))) continue;
      // "X said that …, and that “…”": a second that-clause of the same verb, no new clause.
      if (isWord(this.w.t(k + 1), 'that')) continue;
      let sawSubject = false;
      for (let m = k + 1; m < to; m++) {
        const w = this.w.t(m);
        if (!w || w.kind !== 'word') continue;
        if (sawSubject && w.tags.has('Verb') && !this.isSpeechVerb(w, m)) return true;
        if (w.tags.has('Noun') || w.tags.has('Pronoun') || w.capitalised) sawSubject = true;
      }
    }
    return false;
  }

  /**
   * "Acme confirmed the wall needs repairs after a survey found “deep cracking”": a subordinate
   * clause opening at `k` with a subject and a verb of its own (not a speech verb) that governs the quote at
   * `to`, no comma between, has the quote as its own words or finding, not the cue's speaker's.
   */
  private subordinateClauseTo(k: number, to: number): boolean {
    if (!SUBORDINATORS.has(this.w.t(k)?.lower ?? '') || this.w.t(k)?.kind !== 'word') return false;
    let sawSubject = false;
    for (let m = k + 1; m < to; m++) {
      const w = this.w.t(m);
      if (!w || w.kind === 'quote' || isPunct(w, ',', ';', ':', '(', '—', '–')) return false;
      if (w.kind !== 'word') continue;
      if (sawSubject && finiteVerb(w)) {
        if (this.isSpeechVerb(w, m)) return false;
        // No second clause between the verb and the quote.
        for (let n = m + 1; n < to; n++) {
          const x = this.w.t(n);
          if (
            !x ||
            isPunct(x, ',', ';', ':') ||
            (x.kind === 'word' && (finiteVerb(x) || SUBORDINATORS.has(x.lower)))
          )
            return false;
        }
        return true;
      }
      if (w.tags.has('Noun') || w.tags.has('Pronoun') || w.capitalised) sawSubject = true;
    }
    return false;
  }

  /** “Non-paper” is a diplomatic term: a quote its sentence goes on from with a word is named, not spoken. */
  quoteIsSubject(q: number): boolean {
    const next = this.w.t(q + 1);
    if (!next || next.kind !== 'word' || next.capitalised || PRONOUNS.has(next.lower)) return false;
    return BE_FORMS.has(next.lower) || (next.tags.has('Verb') && !this.isSpeechVerb(next, q + 1));
  }
}

/** A name of two or three words, none of which a dictionary knows as anything but a name. */
function namesNoDictionaryKnows(span: NameSpan): boolean {
  return (
    span.kind === 'unknown' &&
    span.words.length >= 2 &&
    span.words.length <= 3 &&
    span.words.every((w) => unknownToDictionaries(w.toLowerCase()))
  );
}
