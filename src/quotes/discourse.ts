// Who has been named, and who has spoken, where in the article so far: the discourse attribution reads
// pronouns ("she said") and descriptions ("the minister said") against, looking only backwards. It also
// registers names that only their speaking shows to be someone, in attribution's own copy of the registry,
// and keeps a list of what it so learned for the caller to record in the registry it gave (`Learned`).
import { knowsWord } from '../language/wordnet.js';
import type { NameSpan } from './name-spans.js';
import type { NounPhrase } from './noun-phrases.js';
import { isWord, type ReadingWindow } from './reading-window.js';
import {
  settleAsOrganisation,
  speakerEntity,
  type ArticleRegistry,
  type Gender,
  type Learned,
  type RegistryEntity,
} from './registry.js';
import { CORPORATE_HEADS, CORPORATE_SUFFIX, GENERIC_MODIFIERS } from './word-lists.js';

/** A point in the text where an entity was named or resolved: what a later "she" or "the minister" can mean. */
interface Event {
  token: number;
  unit: number;
  /** Registry key, or OPAQUE for a subject the text does not name. */
  entity: string;
  salient: boolean;
  /** The subject of its unit's main clause: outranks another subject in the same sentence. */
  main?: boolean;
}

/** The object form of a subject pronoun, as a question is asked of someone ("asked him"). */
const OBJECT_PRONOUNS: ReadonlyMap<string, string> = new Map([
  ['he', 'him'],
  ['she', 'her'],
]);

/** The entity of an event for someone the text does not name ("a spokesman"): no pronoun reaches past it. */
export const OPAQUE = '?';
/** Paragraphs a pronoun reaches back through: its own and the one before. */
const PRONOUN_REACH = 2;
/** Paragraphs back to a question asked, for the next question in an exchange: the question, its answer. */
const QUESTIONER_REACH = 2;
/** Paragraphs a pronoun reaches back through when no one fits within `PRONOUN_REACH`. */
const FAR_PRONOUN_REACH = 5;
/** A run of more unfamiliar capitalised words than this is a headline or a title, not a speaker's name. */
const MAX_UNKNOWN_SPEAKER_WORDS = 4;

/** Mentions and speakers in reading order, per paragraph, and what attribution learned about names. */
export class Discourse {
  /** What attribution learned, in order, for `recordLearned` to add to the registry it was given. */
  readonly learned: Learned[] = [];
  private readonly events: Event[][];
  /** Who last asked a question ("Roe asked"), and in which paragraph: a reply is not theirs. */
  private asker: {
    entity: string;
    paragraph: number;
    askedWhom: string | null;
    asked: string | null;
  } | null = null;
  /**
   * Keys of the bodies the text has already called "the company" (or "the firm"…): settled as organisations
   * by it, they fit the next such description though their names end like no business's.
   */
  private readonly firms = new Set<string>();

  /**
   * `registry` is attribution's own copy; `originals` maps its spans to the spans of the registry given.
   */
  constructor(
    private readonly w: ReadingWindow,
    private readonly registry: ArticleRegistry,
    private readonly originals: Map<NameSpan, NameSpan>,
  ) {
    this.events = registry.outerSpans.map((spans, p) =>
      spans.map((s) => ({
        token: s.first,
        unit: w.tokens(p)[s.first]?.unit ?? 0,
        entity: s.entity ?? '',
        salient: false,
      })),
    );
  }

  /** Adds an event for a one-token span made on demand: a mention of no one yet. */
  addUnnamed(index: number): void {
    const list = this.events[this.w.p];
    list?.push({ token: index, unit: this.w.tokens()[index]?.unit ?? 0, entity: '', salient: false });
    list?.sort((a, b) => a.token - b.token);
  }

  /** The entity a key names, in attribution's copy of the registry. */
  entity(key: string | null): RegistryEntity | undefined {
    return key ? this.registry.entities.get(key) : undefined;
  }

  /** Marks a named mention as a subject or speaker (`main`: of its sentence's main clause). */
  markSalient(span: NameSpan, main = false): void {
    // Every event at the name: one recorded as someone unnamed before the name was known to speak too.
    for (const event of this.events[span.paragraph] ?? []) {
      if (event.token !== span.first) continue;
      event.salient = true;
      event.main ||= main;
      event.entity = span.entity ?? event.entity;
    }
  }

  /** Records that an entity (or OPAQUE, someone unnamed) is the subject or speaker at a token. */
  addEvent(token: number, entity: string): void {
    if (this.events[this.w.p]?.some((e) => e.token === token && e.entity === entity)) return;
    const list = this.events[this.w.p];
    if (!list) return;
    list.push({ token, unit: this.w.tokens()[token]?.unit ?? 0, entity, salient: true });
    list.sort((a, b) => a.token - b.token);
  }

  /** The speaker a noun phrase names, registering a name that only its speaking shows to be someone. */
  claim(np: NounPhrase | null): string | null {
    if (!np) return null;
    return np.span ? this.speakerOf(np.span) : np.speaker;
  }

  /** The speaker a span names, registering it if only its speaking shows it is someone. */
  speakerOf(span: NameSpan): string | null {
    if (span.kind === 'unknown' && !span.entity && span.words.length > MAX_UNKNOWN_SPEAKER_WORDS) return null;
    // "the Warden said": one unfamiliar capitalised word after "the" is a title or role the registry does not
    // know, someone described, not named; made a speaker of its own it takes the described person's words.
    const the = span.paragraph === this.w.p && isWord(this.w.t(span.first - 1), 'the');
    if (span.kind === 'unknown' && !span.entity && span.words.length === 1 && span.title.length === 0 && the)
      return null;
    if (!span.entity) this.learned.push({ kind: 'speaks', span: this.originalOf(span) });
    const entity = speakerEntity(this.registry, span);
    this.markSalient(span);
    return entity.key;
  }

  /** Mentions before a point, nearest first: this paragraph, then back through `paragraphs` in all. */
  *eventsBefore(token: number, paragraphs: number): Generator<Event & { paragraph: number }> {
    for (let p = this.w.p; p >= Math.max(0, this.w.p - paragraphs + 1); p--) {
      const list = this.events[p] ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const event = list[i];
        if (event && event.entity && (p < this.w.p || event.token < token)) yield { ...event, paragraph: p };
      }
    }
  }

  /**
   * Records that `entity` asked a question here ("Roe asked Doe whether …"), and the pronoun it was
   * asked of, if any ("asked him to explain").
   */
  noteAsker(entity: string, askedWhom: string | null = null, asked: string | null = null): void {
    this.asker = { entity, paragraph: this.w.p, askedWhom, asked };
  }

  /**
   * "Jane Roe … “…,” her husband says": the one person of the spouse's gender (or of none known) who shares
   * the surname of whom the pronoun means, or null when there is no one such or several.
   */
  spouseOf(pronoun: 'he' | 'she', token: number, gender: Gender): string | null {
    const partner = this.entity(this.resolvePronoun(pronoun, token));
    const surname = partner?.canonical.split(' ').at(-1);
    if (!partner || !surname || partner.canonical.split(' ').length < 2) return null;
    const fits = [...this.registry.entities.values()].filter(
      (e) =>
        e.kind === 'person' &&
        e.key !== partner.key &&
        e.doc === partner.doc &&
        e.canonical.split(' ').length >= 2 &&
        e.canonical.split(' ').at(-1) === surname &&
        e.gender !== (gender === 'male' ? 'female' : 'male'),
    );
    // One whose gender is known to fit outranks any whose gender is unknown (a daughter with the surname).
    const known = fits.filter((e) => e.gender === gender);
    const pick = known.length > 0 ? known : fits;
    return pick.length === 1 ? pick[0]!.key : null;
  }

  /**
   * "His daughter, Jane Roe, … “…,” his daughter said": the one person given the tie ("daughter") as a role
   * earlier in the article, or null when there is no one such or several (two sons, each named).
   */
  tiedBy(tie: string, token: number): string | null {
    const found = this.resolveDescription(tie, token, null);
    const entity = this.entity(found);
    if (!entity) return null;
    const bearers = [...this.registry.entities.values()].filter(
      (e) => e.kind === 'person' && e.doc === entity.doc && e.roleHeads.has(tie),
    );
    return bearers.length === 1 ? found : null;
  }

  /** Who asked a question in this paragraph or the one before: the one a "he replied" cannot mean. */
  recentAsker(): string | null {
    return this.asker && this.w.p - this.asker.paragraph < PRONOUN_REACH ? this.asker.entity : null;
  }

  /**
   * Who puts a question standing alone in an exchange: whoever asked in this paragraph or the two before,
   * when the quote just before it is the answer of the one asked (or of anyone else, when the text did not
   * say whom they asked).
   */
  questioner(answeredBy: string | null): string | null {
    const asker = this.asker && this.w.p - this.asker.paragraph <= QUESTIONER_REACH ? this.asker : null;
    if (!asker || !answeredBy || answeredBy === asker.entity) return null;
    return !asker.asked || asker.asked === answeredBy ? asker.entity : null;
  }

  /** Whom a question in this paragraph or the one before was put to by name ("asked Mr Roe"), if anyone. */
  recentlyAsked(): string | null {
    const recent = this.asker && this.w.p - this.asker.paragraph <= 1 ? this.asker : null;
    return recent?.asked && recent.asked !== recent.entity ? recent.asked : null;
  }

  /**
   * "The judge asked him to explain. “…,” he said": who recently asked a question of someone this pronoun
   * ("he" after "him") stands for, so not who the pronoun means.
   */
  askerOf(pronoun: string): string | null {
    const object = OBJECT_PRONOUNS.get(pronoun);
    return object && this.asker?.askedWhom === object ? this.recentAsker() : null;
  }

  /**
   * "he"/"she"/"it": the nearest earlier subject or speaker who fits; a mere mention only when it is the one
   * fit in reach. Unknown gender fits either pronoun, but loses to a known fit, and a tie leaves it open.
   * `notThis` (who asked, for "she replied") is passed over as if never named.
   */
  resolvePronoun(word: string, token: number, notThis: string | null = null): string | null {
    const want: Gender | 'thing' | null =
      word === 'he' ? 'male' : word === 'she' ? 'female' : word === 'it' ? 'thing' : null;
    if (!want) return null;
    const fits = (e: RegistryEntity | undefined): e is RegistryEntity =>
      !!e &&
      (want === 'thing'
        ? e.kind !== 'person' || e.kindGuessed
        : e.kind === 'person' && (e.gender === null || e.gender === want));
    const seen: (Event & { paragraph: number })[] = [];
    let othersSpoke = false;
    // An unnamed subject nearer than any fit takes the pronoun.
    for (const event of this.eventsBefore(token, PRONOUN_REACH)) {
      if (event.entity === notThis) continue;
      if (event.entity === OPAQUE) {
        if (seen.some((e) => e.salient)) continue;
        return null;
      }
      if (fits(this.entity(event.entity))) seen.push(event);
      else if (event.salient) othersSpoke = true;
    }
    // A profile goes on calling its subject "she" for paragraphs: with no fit nearby, the one subject or
    // speaker who fits further back (the quote-only paragraphs between keep her salient), unless someone
    // else was a subject or speaker nearby (“…,” a spokeswoman for the agency said).
    if (seen.length === 0) {
      if (othersSpoke) return null;
      const far = [...this.eventsBefore(token, FAR_PRONOUN_REACH)].filter(
        (e) => e.entity !== OPAQUE && e.entity !== notThis && e.salient && fits(this.entity(e.entity)),
      );
      // Unknown gender fits, but loses to a known fit here too.
      const known = far.filter((e) => this.entity(e.entity)?.gender === want);
      const only = new Set((known.length > 0 ? known : far).map((e) => e.entity));
      return only.size === 1 ? ([...only][0] ?? null) : null;
    }
    // A fit named earlier in this very paragraph outranks a subject or speaker of the paragraph before:
    // a new paragraph that introduces someone and then says "she said" has moved on to her.
    const salient = seen.find((e) => e.salient);
    const here = seen.find((e) => e.paragraph === this.w.p);
    const chosen =
      (here && salient && salient.paragraph < this.w.p ? here : salient) ??
      (new Set(seen.map((e) => e.entity)).size === 1 ? seen[0] : undefined);
    if (!chosen) return null;
    const rivals = seen.filter((e) => e.entity !== chosen.entity);
    // Two subjects of one sentence: the main clause's outranks a subordinate one's ("Jane Roe sat outside
    // while her daughter, Ann Roe, loaded the car"), unless only the other is known to fit the pronoun.
    const tied = rivals.filter(
      (e) => e.salient && e.paragraph === chosen.paragraph && e.unit === chosen.unit,
    );
    const knownFit = (e: Event) => this.entity(e.entity)?.gender === want;
    const candidates = [chosen, ...tied];
    const sure = candidates.some(knownFit) ? candidates.filter(knownFit) : candidates;
    const mains = sure.some((e) => e.main) ? sure.filter((e) => e.main) : sure;
    const picked = new Set(mains.map((e) => e.entity));
    if (picked.size !== 1) return null;
    // A subject or speaker elsewhere whose gender is known and fits beats one whose gender is unknown; a mere
    // mention does not.
    // Not over the subject or speaker of the sentence just before, in this paragraph, when every such rival
    // is in an earlier one: "Roe was blunter. “…,” he said" and "Roe said it was “…”. “…,” he said" are
    // Roe's even when a John Doe spoke before.
    const pick = [...picked][0]!;
    const unit = this.w.tokens()[token]?.unit ?? 0;
    const justBefore =
      chosen.entity === pick && chosen.salient && chosen.paragraph === this.w.p && chosen.unit >= unit - 1;
    if (
      this.entity(pick)?.gender === null &&
      rivals.some(
        (e) => e.salient && !tied.includes(e) && knownFit(e) && !(justBefore && e.paragraph < this.w.p),
      )
    )
      return null;
    if (want === 'thing') this.settleAsOrganisation(this.entity(pick));
    return pick;
  }

  /** A body the text calls "the company": an organisation, and what "the company" means from now on. */
  private settleAsFirm(entity: RegistryEntity | undefined): void {
    if (!entity) return;
    this.settleAsOrganisation(entity);
    this.firms.add(entity.key);
  }

  /** A speaker of unknown kind that the text calls "it" or "the company" is an organisation. */
  settleAsOrganisation(entity: RegistryEntity | undefined): void {
    if (!entity?.kindGuessed) return;
    this.learned.push({ kind: 'organisation', key: entity.key });
    settleAsOrganisation(entity);
  }

  /** A span as the registry given to attribution has it, or (made on demand) a copy of it to add there. */
  private originalOf(span: NameSpan): NameSpan {
    const known = this.originals.get(span);
    if (known) return known;
    const made: NameSpan = { ...span, title: [...span.title], words: [...span.words], entity: null };
    this.originals.set(span, made);
    return made;
  }

  /** "the president", "the ministry": the nearest earlier entity whose role or name has that head noun. */
  resolveDescription(
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
        ((e.kind === 'organisation' && CORPORATE_SUFFIX.test(e.canonical)) ||
          e.kindGuessed ||
          this.firms.has(e.key));
      if (corporate) return wanted.length === 0;
      if (!byRole && !byName) return false;
      const described = [...e.roleTexts, e.canonical].join(' ').toLowerCase();
      if (!wanted.every((m) => described.includes(m))) return false;
      return qualifierName === null || e.roleTexts.some((r) => r.includes(qualifierName));
    };
    // "the company": a business that was a subject or speaker outranks one merely mentioned since ("an
    // analyst at Doe Partners"), as a pronoun's antecedent does.
    let mention: string | null = null;
    for (const event of this.eventsBefore(token, this.w.p + 1)) {
      const entity = this.entity(event.entity);
      if (!fits(entity)) continue;
      if (CORPORATE_HEADS.has(head) && !event.salient) {
        mention ??= event.entity;
        continue;
      }
      if (CORPORATE_HEADS.has(head)) this.settleAsFirm(entity);
      return event.entity;
    }
    if (mention) {
      this.settleAsFirm(this.entity(mention));
      return mention;
    }
    return CORPORATE_HEADS.has(head) && wanted.length === 0 ? this.unfamiliarFirm(token) : null;
  }

  /**
   * "Shares of Zentra Energy Systems fell … The company said": the nearest earlier name of several words
   * that no dictionary placed, opening with a word WordNet does not know, and that no one has claimed is
   * the company, an organisation from now on.
   */
  private unfamiliarFirm(token: number): string | null {
    for (let p = this.w.p; p >= Math.max(0, this.w.p - PRONOUN_REACH + 1); p--) {
      const spans = this.registry.outerSpans[p] ?? [];
      for (let i = spans.length - 1; i >= 0; i--) {
        const span = spans[i]!;
        if (p === this.w.p && span.first >= token) continue;
        if (span.entity || span.kind !== 'unknown' || span.possessive || span.words.length < 2) continue;
        // A firm's name opens with a coined or proper word ("Zentra"), not an English one ("Patient Protection").
        if (knowsWord(span.words[0]?.toLowerCase() ?? '')) continue;
        const key = this.speakerOf(span);
        this.settleAsFirm(this.entity(key));
        return key;
      }
    }
    return null;
  }
}
