// The attribution pass: reads one article's units in order and gives each quote a speaker from the speech
// cues around it (speech-cues.ts), "according to", a colon, or the quote before it. Resolution only looks
// backwards, so the pass can pause after any paragraph. It works on its own copy of the registry and returns
// what it learned about names (`Learned`) for the caller to record with `recordLearned`.
import { Discourse } from './discourse.js';
import { addresseeOf, Exchange, isTurn } from './exchange.js';
import type { ExtractedQuote } from './extract-quotes.js';
import { interviewAnswers, interviewee } from './interview.js';
import { finiteVerb, isPunct, isWord, ReadingWindow } from './reading-window.js';
import type { NameSpan } from './name-spans.js';
import type { Token } from './paragraph-tokens.js';
import { copyRegistry, type ArticleRegistry, type Learned } from './registry.js';
import { sentenceIdAt } from './analysed-paragraphs.js';
import { CueReader, type Cue } from './speech-cues.js';
import { DESIGNATION_NUMBER } from './token-classes.js';
import {
  ADVERBIAL_OPENERS,
  ASKING_VERBS,
  ASIDE_OPENERS,
  LEAD_SKIP,
  PREPOSITIONS,
  PRONOUNS,
  QUOTING_VERBS,
  GESTURE_VERBS,
  REACTION_VERBS,
  RELATIVES,
  REPLY_VERBS,
  SKIPPABLE,
  SPEECH_NOUNS,
  TITLING_WORDS,
  VERB_PARTICLES,
} from './word-lists.js';

/** Why a quote went to its speaker (or, for an unattributed quote, which cue failed), strongest first. */
export type Evidence =
  | 'attribution-after'
  | 'cue-before'
  | 'according-to'
  | 'colon'
  | 'subject'
  | 'reported-before'
  | 'continuation'
  | 'exchange'
  | 'interview';

/** One quote with the registry key of its speaker, or null when the text does not say who spoke. */
export interface AttributedQuote {
  quote: ExtractedQuote;
  paragraphIndex: number;
  speaker: string | null;
  evidence: Evidence | null;
}

/**
 * Quotes with their speakers, for each speaker the sentences where they speak, quoted or reported, and what
 * attribution learned about names: speakers the registry had not registered (their keys are what `speaker`
 * and `spoke` use), for `recordLearned` to add to the registry.
 */
export interface ArticleAttribution {
  quotes: AttributedQuote[];
  spoke: Map<string, Set<string>>;
  learned: Learned[];
}

/** Tokens a quoted sentence may run on past its closing mark before the attribution ending it (“…” for the
 * victory, in a hard race, said X); longer, and the words between are a sentence of the writer's. */
const MAX_QUOTE_TAIL = 16;
/** Words between a possessive name and the speech noun it owns ("Foyle's last word"). */
const OWNED_WORDS_REACH = 3;
/** Words that may open a speaker's noun phrase before the part phraseStart reads as its own (“…,” Clinton
 * campaign manager Jane Roe said): the tagger takes such nouns for verbs, so only a few are read over. */
const MAX_LEADING_MODIFIERS = 3;
/** Tags of a word that can modify a noun: a noun (which the tagger may also call a verb) or an adjective. */
const NOUN_MODIFIER_TAGS = ['Noun', 'Adjective', 'Infinitive', 'ProperNoun'];

/** Words a quote must have to be read as an echo of a longer one: a single word recurs by chance. */
const MIN_ECHO_WORDS = 2;
/** Words an echo may have at most: a longer run repeated is quoted again, as a speaker repeats a line. */
const MAX_ECHO_WORDS = 4;

/** Words cut off by a dash (“… He wanted grey—”), and a quote taking such words up again (“—and I …”). */
const CUT_OFF = /[—–]$/u;
const TAKEN_UP = /^[—–]/u;

/** Whether a quote ends in a question. */
const asks = (text: string): boolean => text.trimEnd().endsWith('?');

/** A quotation inside a quote, in single marks. */
const NESTED_QUOTE = /[‘'][^‘’']*[’']/gu;

/** A quote's words in lower case, for comparing quotes. */
const quoteWords = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Records every run of MIN_ECHO_WORDS to MAX_ECHO_WORDS words inside a quote of more words, with its speaker:
 * linear in the quote's length.
 */
function noteEchoes(
  echoes: Map<string, Set<string | null>>,
  words: readonly string[],
  speaker: string | null,
): void {
  for (let n = MIN_ECHO_WORDS; n <= MAX_ECHO_WORDS && n < words.length; n++)
    for (let i = 0; i + n <= words.length; i++) {
      const key = words.slice(i, i + n).join(' ');
      const speakers = echoes.get(key) ?? new Set<string | null>();
      speakers.add(speaker);
      echoes.set(key, speakers);
    }
}

/** Whether token `k` of the unit is a finite verb (a clause of its own starts before it). */
const finiteVerbAt = (w: ReadingWindow, k: number): boolean => {
  const t = w.t(k);
  return !!t && finiteVerb(t);
};

/** Attribution over one article: a single pass in reading order, so resolution only looks backwards. */
class ArticleReader {
  private readonly w: ReadingWindow;
  private readonly d: Discourse;
  private readonly speech: CueReader;
  /** Paragraphs answering a Q&A's questions, and who answers them (null when the article is no Q&A). */
  private readonly answers: Set<number>;
  private readonly interviewee: string | null;
  /** Every name span, inside quotes too: a question names whom it is put to inside its marks. */
  private readonly spans: readonly NameSpan[];

  /** Reads a copy of `registry`: the registry given is left as it is. */
  constructor(registry: ArticleRegistry) {
    const { copy, originals } = copyRegistry(registry);
    this.w = new ReadingWindow(copy.paragraphs, copy.outerSpans);
    this.d = new Discourse(this.w, copy, originals);
    this.speech = new CueReader(this.w, this.d);
    this.answers = interviewAnswers(copy.paragraphs);
    this.interviewee = this.answers.size > 0 ? interviewee(copy) : null;
    this.spans = copy.spans;
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
    // The last speaker whose words were cut off by a dash, for the quote that takes them up again.
    let cutOff: { speaker: string; paragraph: number } | null = null;
    // "Jones continued:" or "As Jones put it:" closing a paragraph: the speaker of the quote opening the next.
    let leadIn: { paragraph: number; speaker: string } | null = null;
    // A sentence of reported speech without quotes ("Jones said the talks had failed."): its speaker, for a
    // quote standing alone as the next sentence, in the same paragraph or opening the next; `acting` when the
    // sentence only has its subject do something, which hands on within the paragraph alone. A question
    // reported ("Her barrister asked her how she found out.") is followed by the asker's own question or by
    // the answer of `asked`, the one it was put to (null when the text does not say who).
    let reported: {
      paragraph: number;
      unit: number;
      last: boolean;
      speaker: string;
      asked?: string | null;
      acting: boolean;
    } | null = null;
    // Questions put and replies given, for the answer standing alone after them.
    const exchange = new Exchange();
    // The last two paragraphs opening with a quote: who said each, whether it is one sentence alone, and
    // whether it asks a question.
    const lines: { paragraph: number; speaker: string | null; short: boolean; asks: boolean }[] = [];
    // The short runs of words inside each quote so far, with who said them, to tell a quote echoed.
    const echoes = new Map<string, Set<string | null>>();

    for (const [p, analysed] of this.w.paragraphs.entries()) {
      this.w.p = p;
      const tokens = analysed.outer;
      analysed.units.forEach((_, u) => {
        const indices = tokens.map((t, i) => (t.unit === u ? i : -1)).filter((i) => i >= 0);
        if (indices.length === 0) return;
        // A live blog's time stamp or a dateline is no part of the paragraph's first sentence.
        this.w.unitFrom = Math.max(indices[0] ?? 0, u === 0 ? this.w.bodyStart() : 0);
        this.w.unitTo = indices[indices.length - 1] ?? 0;
        this.speech.startUnit();
        const main = this.speech.mainSubject();
        this.markOwnerOfWords();
        const cues = this.speech.cues();
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
          // "the so-called “reform”": the writer's distance, not anyone's words; "a paper titled “…”": a title.
          // Only a title in the subject ("The report, titled “…”, is …"): "Roe wrote a memo titled “…”" gives
          // the title in the author's words.
          const titled = isPunct(this.w.t(q - 1), ',') ? q - 2 : q - 1;
          const titling = TITLING_WORDS.has(this.w.t(titled)?.lower ?? '') && this.noVerbBefore(titled);
          const scare = isWord(this.w.t(q - 1), 'so-called') || titling;
          const found = scare ? { speaker: null, evidence: null } : this.attributeOne(q, cues);
          let speaker = found?.speaker ?? null;
          let evidence = found?.evidence ?? null;
          // “…?” Roe asked. / “…,” the mayor replied.: an attribution that finds no one, answering a turn of an
          // exchange, is whom the turn was put to, when it replies or its pronoun fits them.
          const unresolved =
            found?.evidence === 'attribution-after' && !speaker && this.w.opensParagraph(q)
              ? cues.find((c) => c.index > q)
              : undefined;
          const answering = unresolved ? exchange.answerer(p) : null;
          if (unresolved && answering && this.canReply(unresolved, answering)) {
            speaker = answering;
            evidence = 'exchange';
            // The cue names them now: it interrupts nothing said after it.
            unresolved.speaker = answering;
          }
          // Reported speech hands on only a quote that stands alone: one with words of its own after it
          // ("“…” mused X") was attributed there, whether or not that attribution was read.
          const alone = indices.every((i) => i === q || tokens[i]?.kind === 'punct');
          const reportedJustBefore =
            !!reported &&
            ((reported.paragraph === p && reported.unit === u - 1) ||
              (reported.paragraph === p - 1 && reported.last && u === 0 && !reported.acting));
          const answerer = !found && this.w.opensParagraph(q) ? exchange.answerer(p) : undefined;
          // “…,” she said. / “Was anyone else there?”: one question making a paragraph of its own, after
          // a quote that asked nothing, is put to the speaker before by someone else, and the next bare quote
          // answers it.
          const putQuestion =
            !found &&
            alone &&
            analysed.units.length === 1 &&
            this.w.opensParagraph(q) &&
            /^[^.?!]*\?$/u.test(quote.text.trim()) &&
            !!previous &&
            !asks(previous.attributed.quote.text);
          // In an exchange, the one who asked lately puts the next question too, after the answer.
          const questioner = putQuestion ? this.d.questioner(previous?.attributed.speaker ?? null) : null;
          if (questioner) {
            speaker = questioner;
            evidence = 'exchange';
            this.d.noteAsker(questioner, null, previous?.attributed.speaker ?? null);
          } else if (!found && leadIn?.paragraph === p - 1 && this.w.opensParagraph(q)) {
            speaker = leadIn.speaker;
            evidence = 'colon';
          } else if (!found && this.interviewee && this.answers.has(p) && this.w.opensParagraph(q)) {
            // A Q&A's answer: the layout, not a cue, says the interviewee speaks.
            speaker = this.interviewee;
            evidence = 'interview';
          } else if (answerer !== undefined) {
            // The answer to a question asked, or to a reply, in the paragraph before: not that speaker's.
            speaker = answerer;
            evidence = answerer ? 'exchange' : null;
          } else if (!found && alone && reported && reportedJustBefore) {
            const question = asks(quote.text);
            speaker = reported.asked === undefined || question ? reported.speaker : reported.asked;
            evidence = speaker ? 'reported-before' : null;
          } else if (!found && this.w.opensUnit(q) && !this.speech.quoteIsSubject(q)) {
            const before = previous;
            const samePlace =
              before &&
              (before.paragraph === p ||
                (before.paragraph === p - 1 && before.lastUnit && this.w.opensParagraph(q)));
            // "“…,” a visibly tired Tom Reed said": an attribution later in the quote's own sentence, even one
            // not read as the quote's, names who speaks now, so the quote carries on no one's words.
            const named = cues.some(
              (c) => c.index > q && c.speaker && c.speaker !== before?.attributed.speaker,
            );
            // "“…,” Jane says. / “…,” John says. / “…”": two people trading remarks, the line standing alone
            // may answer the last as well as carry it on; no one is the safer answer. Not after a question
            // and its answer: the answer goes on.
            const trading =
              before?.paragraph === p - 1 &&
              this.w.opensParagraph(q) &&
              lines.length === 2 &&
              lines[1]!.paragraph === p - 1 &&
              lines[1]!.short &&
              lines[0]!.paragraph === p - 2 &&
              lines[1]!.speaker === before.attributed.speaker &&
              lines[0]!.speaker !== null &&
              !lines[0]!.asks &&
              lines[0]!.speaker !== lines[1]!.speaker;
            // “… He wanted white—” / “…”: words cut off by a dash end a turn; the next paragraph's bare quote is
            // someone else's cutting in, unless it takes up the dash ("—and I wanted …").
            const cutIn =
              before?.paragraph === p - 1 &&
              CUT_OFF.test(before.attributed.quote.text.trim()) &&
              !TAKEN_UP.test(quote.text.trim());
            const takenUp =
              TAKEN_UP.test(quote.text.trim()) && cutOff && cutOff.paragraph >= p - 2 ? cutOff.speaker : null;
            if (takenUp && this.w.opensParagraph(q)) {
              speaker = takenUp;
              evidence = 'continuation';
            } else if (
              before &&
              samePlace &&
              before.attributed.speaker &&
              !interrupted &&
              !named &&
              !trading &&
              !putQuestion &&
              !cutIn
            ) {
              speaker = before.attributed.speaker;
              evidence = 'continuation';
            }
          }
          // "He asked whether “sagging badly” was how she put it": a few words from a longer quote of someone
          // else's, earlier in the article, are those words mentioned again, not said anew by this speaker.
          // Not a quote with its attribution right after it (“The danger,” said Roe, “is …”): that is said anew.
          const words = quoteWords(quote.text);
          const echoed = words.length >= MIN_ECHO_WORDS && echoes.get(words.join(' '));
          const explicit = evidence === 'attribution-after' || evidence === 'according-to';
          if (speaker && echoed && !explicit && !echoed.has(speaker)) {
            speaker = null;
            evidence = null;
          }
          // Words a quote quotes in turn (“She calls me ‘the Professor’”) may be the later speaker's own.
          noteEchoes(echoes, quoteWords(quote.text.replace(NESTED_QUOTE, ' ')), speaker);
          const attributed: AttributedQuote = { quote, paragraphIndex: p, speaker, evidence };
          quotes.push(attributed);
          // A paragraph that opens with a quote: a line someone says, for telling lines traded.
          if (this.w.opensParagraph(q)) {
            const short = analysed.units.length === 1 && quoteIndices.length === 1;
            lines.push({ paragraph: p, speaker, short, asks: false });
            if (lines.length > 2) lines.shift();
          }
          const line = lines.at(-1);
          if (line?.paragraph === p && asks(quote.text)) line.asks = true;
          // A turn ("“…?” Jane Roe asked.", "“…,” he replied."), which the same speaker carries on in its paragraph.
          const cue = evidence === 'attribution-after' ? cues.find((c) => c.index > q) : undefined;
          const asked = isTurn(cue && this.w.t(cue.index), quote.text);
          const turn =
            asked ||
            putQuestion ||
            evidence === 'exchange' ||
            (evidence === 'continuation' && exchange.turnIn(p) && previous?.attributed.speaker === speaker);
          const inner = analysed.inner[token.quote] ?? [];
          const named = this.spans.filter((s) => s.paragraph === p && s.stream === token.quote);
          exchange.note({
            speaker,
            paragraph: p,
            turn,
            addressee: asked || putQuestion ? addresseeOf(inner, named) : null,
          });
          if (speaker) {
            record(speaker, quote.sentenceIds);
            // Whoever speaks is who a later "she says" most likely means, even in a paragraph of quotes alone.
            this.d.addEvent(q, speaker);
          }
          // “…, Mr Roe?”: whom a question is put to by name is who a "he said" after it most likely means.
          const addressee = addresseeOf(inner, named);
          if (addressee && addressee !== speaker) this.d.addEvent(q, addressee);
          if (speaker && CUT_OFF.test(quote.text.trim())) cutOff = { speaker, paragraph: p };
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
        if (u === analysed.units.length - 1 && isPunct(tokens[this.w.unitTo], ':')) {
          const cue = [...cues].reverse().find((c) => !quoteIndices.some((q) => q > c.index));
          const speaker = cue ? cue.speaker : (main?.span?.entity ?? null);
          if (speaker) leadIn = { paragraph: p, speaker };
        }
        // News goes on from a speaker's reported words to their own, in a sentence of the quote alone.
        const reporting =
          quoteIndices.length === 0 ? [...cues].reverse().find((c) => c.kind === 'verb') : null;
        // "She told the programme that …" / “…?” Roe asked. / “…”: who spoke, quoted or not, before a turn.
        if (reporting?.speaker)
          exchange.note({ speaker: reporting.speaker, paragraph: p, turn: false, addressee: null });
        // "Asked what makes a good violin, she puts down her chisel.", "Novak, told of his coach's words,
        // grinned.": what follows is the answer.
        const askedAside =
          !!main &&
          isPunct(this.w.t(main.end + 1), ',') &&
          ASIDE_OPENERS.has(this.w.t(main.end + 2)?.lower ?? '');
        // "Roe laughed.", "She shrugged.": a sentence of a named subject's reaction alone introduces what
        // they say next.
        // "She rolls her eyes.", "Roe shook his head.": a gesture with the body part it moves, likewise.
        const gesture =
          !!main &&
          GESTURE_VERBS.has(this.w.t(main.end + 1)?.lower ?? '') &&
          isWord(this.w.t(main.end + 2), 'her', 'his', 'their', 'an', 'a') &&
          this.w.t(main.end + 3)?.kind === 'word'
            ? 2
            : 0;
        const reaction =
          !!main &&
          (REACTION_VERBS.has(this.w.t(main.end + 1)?.lower ?? '') || gesture > 0) &&
          isPunct(this.w.t(main.end + 2 + gesture), '.') &&
          main.end + 2 + gesture >= this.w.unitTo;
        const asked =
          quoteIndices.length === 0 &&
          (isWord(this.w.t(this.w.firstWord()), 'asked') || askedAside || reaction)
            ? (main?.span?.entity ?? (main?.span ? null : main?.speaker))
            : null;
        // "Roe smiles at the question. “…”": the one person a sentence without quotes is about
        // says the quote standing alone right after it, in the same paragraph (a new paragraph may move on).
        const actor =
          quoteIndices.length === 0 && main && !main.opaque && main.coordinated.length === 0
            ? (main.span?.entity ?? (main.span ? null : main.speaker))
            : null;
        const acting = actor && this.d.entity(actor)?.kind === 'person' ? actor : null;
        const speaker = reporting?.speaker ?? asked ?? acting;
        // "Roe asked her how …": the one asked, when an object names them. "Roe was asked about …", "Asked
        // whether …, Roe smiled": the subject is the one asked, and answers.
        const asking =
          reporting && !reporting.passive && ASKING_VERBS.has(this.w.t(reporting.index)?.lower ?? '')
            ? reporting
            : null;
        const askedWhom = asking ? this.askedBy(asking) : undefined;
        reported = speaker
          ? {
              paragraph: p,
              unit: u,
              last: u === analysed.units.length - 1,
              speaker,
              ...(askedWhom !== undefined ? { asked: askedWhom } : {}),
              acting: !reporting?.speaker && !asked,
            }
          : null;
      });
      yield;
    }
    return { quotes, spoke, learned: this.d.learned };
  }

  /**
   * Whom a question reported by `cue` was put to, when an object says so: "asked Mr Roe", "asked her"
   * (null when that pronoun finds no one); undefined when no object follows ("asked about the dividend").
   */
  private askedBy(cue: Cue): string | null | undefined {
    const named = this.w.startingAt(cue.index + 1);
    if (named) return named.possessive || named.kind === 'place' ? undefined : this.d.speakerOf(named);
    const object = this.w.t(cue.index + 1)?.lower;
    const pronoun = object === 'him' ? 'he' : object === 'her' ? 'she' : null;
    return pronoun ? this.d.resolvePronoun(pronoun, cue.index + 1, cue.speaker) : undefined;
  }

  /** Whether a cue that named no one can be `answerer`'s reply: "… replied", or a pronoun that fits them. */
  private canReply(cue: Cue, answerer: string): boolean {
    if (REPLY_VERBS.has(this.w.t(cue.index)?.lower ?? '')) return true;
    const pronoun = this.w.t(cue.npStart)?.lower;
    const wanted = pronoun === 'he' ? 'male' : pronoun === 'she' ? 'female' : undefined;
    const gender = this.d.entity(answerer)?.gender;
    return !!wanted && (gender === null || gender === wanted);
  }

  /** A quote with every word capitalised: a title ("Saturday Night Live"), not anyone's words. */
  private isTitle(q: number): boolean {
    const quote = this.w.t(q);
    return !!quote && !/(^|\s)\p{Ll}/u.test(quote.text);
  }

  /**
   * "Foyle's last word was blunter.": a sentence opening with what a named person said, by its owner's
   * name, makes that person the one a "he said" after it means, over a speaker before.
   */
  private markOwnerOfWords(): void {
    const owner = this.w.startingAt(this.w.firstWord());
    if (!owner?.possessive || !owner.entity) return;
    for (let k = owner.last + 1; k <= Math.min(this.w.unitTo, owner.last + OWNED_WORDS_REACH); k++) {
      const t = this.w.t(k);
      if (t?.kind !== 'word') return;
      if (SPEECH_NOUNS.has(t.lower) || t.lower === 'word') return this.d.markSalient(owner, true);
    }
  }

  /** The strongest evidence for one quote: attribution right after it, then a cue before it, then "according to". */
  private attributeOne(
    q: number,
    cues: readonly Cue[],
  ): { speaker: string | null; evidence: Evidence } | null {
    const credit = this.dashCredit(q) ?? this.creditBelow();
    if (credit) return { speaker: credit, evidence: 'attribution-after' };
    const next = this.w.nextIndexSkipping(q);
    const after = cues.find((c) => c.index > q);
    const quoteBetween = after
      ? this.w
          .tokens()
          .slice(q + 1, after.index)
          .some((t) => t.kind === 'quote')
      : true;
    if (after && !quoteBetween && !this.ledInByCueBefore(q, after, cues)) {
      const attached =
        after.kind === 'according' || after.inverted
          ? after.index === next
          : after.npStart === next || this.modifiersBetween(next, after.npStart);
      if (attached || (after.speaker && this.tailBefore(q, after)))
        return {
          speaker: after.speaker,
          evidence: after.kind === 'according' ? 'according-to' : 'attribution-after',
        };
    }
    // "He said officers had been told to “…”": a passive speech verb names no one who spoke, so the quote
    // is in the reported speech of the cue before it, if there is one.
    const lead = this.namedLeadIn(q);
    if (lead) return { speaker: lead, evidence: 'colon' };
    const earlier = [...cues].reverse().filter((c) => c.index < q);
    const before = earlier.find((c) => !c.passive) ?? earlier[0];
    if (before && !this.inOpeningClause(before.index, q) && !this.newSubjectAfterQuote(before, q)) {
      if (this.speech.clauseChangeBetween(before.index, q)) return { speaker: null, evidence: 'cue-before' };
      // "he figures that a slot on “Saturday Night Live” …": a title, not speech.
      if (before.clause && this.isTitle(q)) return { speaker: null, evidence: 'cue-before' };
      return {
        speaker: before.speaker,
        evidence: before.kind === 'according' ? 'according-to' : 'cue-before',
      };
    }
    const according = cues.find((c) => c.kind === 'according');
    if (according) return { speaker: according.speaker, evidence: 'according-to' };
    // "Jones disagreed: “…”": a colon hands the quote to the clause's named subject.
    if (isPunct(this.w.t(q - 1), ':')) {
      const main = this.speech.mainSubject();
      // "Jane Roe then read from an email sent by Tom Reed: “…”": the words read out are not the reader's.
      if (main && this.readsOut(main.end)) return { speaker: null, evidence: 'colon' };
      if (main?.span?.entity || (main?.speaker && !main.span))
        return { speaker: this.d.claim(main), evidence: 'colon' };
      const label = this.labelBefore(q - 1);
      if (label) return { speaker: label, evidence: 'colon' };
    }
    const subject = this.subjectOfPredicate(q);
    if (subject) return { speaker: subject, evidence: 'subject' };
    // "The plan would “cost jobs” across the valley, Roe said.": an attribution closing the sentence, after
    // a comma and with no quote or other cue between, speaks for the whole sentence and the quote in it. Not
    // a quote opening the sentence (its tail is read above), nor a title ("Cinema Paradiso").
    if (
      !this.w.opensUnit(q) &&
      !this.isTitle(q) &&
      after?.speaker &&
      !quoteBetween &&
      after.kind === 'verb' &&
      !cues.some((c) => c.index > q && c.index < after.index)
    ) {
      const start = after.inverted ? after.index : after.npStart;
      if (isPunct(this.w.t(start - 1), ',') && start - 1 - q <= MAX_QUOTE_TAIL)
        return { speaker: after.speaker, evidence: 'attribution-after' };
    }
    return null;
  }

  /**
   * "Jane Roe thanked the council for “…”", "Roe called it “…”": a quote in the predicate of a clause whose
   * subject the text names (or a pronoun or description that resolves to someone named), with no speech verb, is what the subject wrote, said or chose to say; news uses
   * any verb for it ("touted", "coached", "endorsed … citing"). Not a title (every word capitalised), and
   * not past a new clause or another named subject with a verb of its own.
   */
  private subjectOfPredicate(q: number): string | null {
    const main = this.speech.mainSubject();
    // The subject may be a name, or a pronoun or description the discourse resolved ("she has made …").
    const subject = main?.span ? main.span.entity : (main?.speaker ?? null);
    if (!main || !subject || main.end >= q) return null;
    if (!this.w.t(q) || this.isTitle(q)) return null;
    let verb = false;
    for (let k = main.end + 1; k < q; k++) {
      const t = this.w.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, ';', ':')) return null;
      if (t.kind === 'word' && finiteVerb(t)) verb = true;
      const other = this.w.startingAt(k);
      if (other && other.entity !== subject && (other.possessive || finiteVerbAt(this.w, other.last + 1)))
        return null;
    }
    if (!verb || this.speech.clauseChangeBetween(main.end, q)) return null;
    return this.d.claim(main);
  }

  /**
   * "…, to which John Doe replied: “…”", "Doe hit back at once: “…”": a name, then its verb (with
   * particles and adverbs), then a colon right before the quote leads the quote in, whatever cue came before.
   */
  private namedLeadIn(q: number): string | null {
    if (!isPunct(this.w.t(q - 1), ':')) return null;
    let v = q - 2;
    while (VERB_PARTICLES.has(this.w.t(v)?.lower ?? '') || this.w.t(v)?.tags.has('Adverb')) v -= 1;
    const verb = this.w.t(v);
    if (!verb || verb.kind !== 'word' || verb.capitalised) return null;
    // The tagger reads a rarer past tense as something else (an uncommon verb of saying as an interjection).
    const past = /ed$/u.test(verb.lower) && !verb.tags.has('Adjective') && !verb.tags.has('Noun');
    if (!finiteVerb(verb) && !past) return null;
    if (QUOTING_VERBS.has(verb.lower)) return null;
    let k = v - 1;
    while (this.w.t(k)?.tags.has('Adverb') && this.w.t(k)?.kind === 'word') k -= 1;
    const span = this.w.endingAt(this.w.beforeParenthesis(k));
    if (!span || span.possessive || span.kind === 'place') return null;
    const start = this.w.phraseStart(span);
    const governing = isWord(this.w.t(start - 1), 'the') ? this.w.t(start - 2) : this.w.t(start - 1);
    if (governing?.kind === 'word' && PREPOSITIONS.has(governing.lower)) return null;
    return this.d.speakerOf(span);
  }

  /**
   * "In a video that Judge Jane Roe called “troubling,” John Doe shared a wish to “…”": after the cue's
   * own quote, another name with a finite verb of its own opens the clause the later quote stands in.
   */
  private newSubjectAfterQuote(cue: Cue, q: number): boolean {
    // Only a cue in a relative clause of a noun ("a video that Roe called"): a main clause's cue ("Roe says
    // her colleague Doe ran “…”") reports the clause after its quote too.
    // The phrase may start at the relative word, read as a determiner.
    const at = isWord(this.w.t(cue.npStart), 'that', 'which', 'whom') ? cue.npStart : cue.npStart - 1;
    const relative = this.w.t(at);
    const noun = this.w.t(at - 1);
    if (!isWord(relative, 'that', 'which', 'whom') || !noun?.tags.has('Noun') || noun.tags.has('Verb'))
      return false;
    let k = cue.index + 1;
    while (k < q && this.w.t(k)?.kind !== 'quote') k += 1;
    for (k += 1; k < q; k++) {
      const span = this.w.startingAt(k);
      if (!span || span.possessive || span.kind === 'place') continue;
      let v = span.last + 1;
      while (this.w.t(v)?.tags.has('Adverb')) v += 1;
      const verb = this.w.t(v);
      if (v < q && verb && finiteVerb(verb) && !this.speech.isCue(v)) return true;
    }
    return false;
  }

  /** Whether no finite verb stands in the unit before token `k`. */
  private noVerbBefore(k: number): boolean {
    for (let i = this.w.unitFrom; i < k; i++) if (finiteVerbAt(this.w, i)) return false;
    return true;
  }

  /**
   * "Jane Roe texts Tom Lee, “…?” Lee answers, “…”": a quote led in by a comma or colon
   * after a cue with a speaker belongs to that cue when the cue after it leads in a quote of its own.
   */
  private ledInByCueBefore(q: number, after: Cue, cues: readonly Cue[]): boolean {
    if (!isPunct(this.w.t(q - 1), ',', ':')) return false;
    const before = [...cues].reverse().find((c) => c.index < q && !c.passive);
    if (!before?.speaker || this.speech.clauseChangeBetween(before.index, q)) return false;
    let k = after.index + 1;
    while (VERB_PARTICLES.has(this.w.t(k)?.lower ?? '') || this.w.t(k)?.tags.has('Adverb')) k += 1;
    return isPunct(this.w.t(k), ',', ':') && this.w.t(k + 1)?.kind === 'quote';
  }

  /**
   * "When Jane Roe hinted that …, John Doe hit back: “…”": a cue in a clause opening the sentence
   * ("when", "after", "although" …, not "as": "As Roe put it, …" names the source), before the main
   * clause's own subject, reports what was said before the quote, not the quote.
   */
  private inOpeningClause(cue: number, q: number): boolean {
    let first = this.w.firstWord();
    while (isPunct(this.w.t(first), ',') || LEAD_SKIP.has(this.w.t(first)?.lower ?? '')) first += 1;
    const opener = this.w.t(first);
    if (!opener || isWord(opener, 'as') || !ADVERBIAL_OPENERS.has(opener.lower)) return false;
    const main = this.speech.mainSubject();
    if (!main || main.end >= q || main.end <= cue) return false;
    const start = main.span ? this.w.phraseStart(main.span) : main.end;
    for (let k = cue + 1; k < start; k++) if (isPunct(this.w.t(k), ',')) return true;
    return false;
  }

  /** Whether the verb after a subject ending at `end` (past adverbs: "then read") reads out others' words. */
  private readsOut(end: number): boolean {
    let k = end + 1;
    while (this.w.t(k)?.tags.has('Adverb')) k += 1;
    return QUOTING_VERBS.has(this.w.t(k)?.lower ?? '');
  }

  /**
   * “…,” Clinton campaign manager Jane Roe said: the words from `from` up to the subject's noun phrase at `to`
   * are a few more modifiers of it (names, nouns the tagger reads as verbs), no clause word among them.
   */
  private modifiersBetween(from: number, to: number): boolean {
    if (to <= from || to - from > MAX_LEADING_MODIFIERS) return false;
    for (let k = from; k < to; k++) {
      const t = this.w.t(k);
      // "Ward 7 organiser Jane Roe": a number after a capitalised word completes a designation.
      if (t && DESIGNATION_NUMBER.test(t.text) && this.w.t(k - 1)?.capitalised && k > from) continue;
      if (
        !t ||
        t.kind !== 'word' ||
        t.possessive ||
        t.tags.has('Adverb') ||
        !NOUN_MODIFIER_TAGS.some((tag) => t.tags.has(tag))
      )
        return false;
      if (
        PREPOSITIONS.has(t.lower) ||
        PRONOUNS.has(t.lower) ||
        RELATIVES.has(t.lower) ||
        SKIPPABLE.has(t.lower)
      )
        return false;
    }
    return true;
  }

  /**
   * “We’re happy” about the deal, said Jane Roe / “…,” for the victory, Roe said: a sentence that opens with
   * the quote and ends with its attribution set off by a comma carries on the quoted sentence in between, in
   * a few words with no stop or comma of their own.
   */
  private tailBefore(q: number, cue: Cue): boolean {
    if (cue.kind === 'noun' || !this.w.opensUnit(q)) return false;
    const start = cue.kind === 'according' || cue.inverted ? cue.index : cue.npStart;
    if (!isPunct(this.w.t(start - 1), ',') || start - 1 - q > MAX_QUOTE_TAIL) return false;
    // The comma before the attribution is the tail's only one: "“…” Jane Roe, 30, of Leeds, said" is no tail.
    for (let k = q + 2; k < start - 1; k++) if (isPunct(this.w.t(k), ',', ';', ':', '(', ')')) return false;
    return true;
  }

  /**
   * "“…” — Jane Roe, luthier": a quote opening its unit, then a dash and a name that ends the unit or is
   * followed only by its description, is credited to that name, as under an epigraph or a quoted post.
   */
  private dashCredit(q: number): string | null {
    // The sentence splitter puts the credit in a unit of its own, so it is read from the paragraph's tokens.
    const tokens = this.w.tokens();
    if (!this.w.opensUnit(q) || !isPunct(tokens[q + 1], '—', '–', '―', '-')) return null;
    return this.creditedName(this.w.startingAt(q + 2), tokens);
  }

  /**
   * A paragraph of quotes alone signed off by the next, a dash and a name ("— Jane Roe, Upper Hexley"), as
   * letters and posts are: the name's.
   */
  private creditBelow(): string | null {
    if (!this.w.tokens().every((t) => t.kind === 'quote' || t.kind === 'punct')) return null;
    const next = this.w.tokens(this.w.p + 1);
    if (!isPunct(next[0], '—', '–', '―', '-') || next.some((t) => t.kind === 'quote' || t.unit !== 0))
      return null;
    return this.creditedName(
      this.spans.find((s) => s.paragraph === this.w.p + 1 && s.stream === -1 && s.first === 1),
      next,
    );
  }

  /** The speaker a credit after a dash names: a name ending its sentence or followed by a comma or bracket. */
  private creditedName(span: NameSpan | undefined, tokens: readonly Token[]): string | null {
    if (!span || span.possessive || span.kind === 'place') return null;
    const after = tokens[span.last + 1];
    const endsUnit = !after || after.unit !== tokens[span.last]?.unit;
    if (!endsUnit && !isPunct(after, ',', '(')) return null;
    return this.d.speakerOf(span);
  }

  /**
   * "Sen. Jane Roe (D-Ore.): “…”", "Polls in the north - Jane Roe: “…”": a name standing alone before a colon,
   * with no verb before it in its unit or after a dash, labels the quote after it as a transcript or digest does.
   */
  private labelBefore(colon: number): string | null {
    const span = this.w.endingAt(this.w.beforeParenthesis(colon - 1));
    // "Roe: “…”": a surname alone, unclassified, is the person the article named in full.
    const known = span?.kind === 'unknown' && !!span.entity;
    if (!span || span.possessive || (span.kind !== 'person' && span.kind !== 'organisation' && !known))
      return null;
    // "The message to Jane Roe:": a name governed by a preposition is not who speaks.
    const governing = isWord(this.w.t(span.first - 1), 'the') ? span.first - 2 : span.first - 1;
    if (PREPOSITIONS.has(this.w.t(governing)?.lower ?? '')) return null;
    // Back to the unit's start or a dash, over words that describe the name ("Former secretary of state").
    for (let k = span.first - 1; k >= this.w.unitFrom; k--) {
      const t = this.w.t(k);
      if (isPunct(t, '-', '—', '–')) break;
      if (!t || t.kind !== 'word' || t.tags.has('Verb')) return null;
    }
    return this.d.speakerOf(span);
  }
}

/**
 * Attributes every quote of one article, in order of evidence: "…,” X said / said X / according to X right
 * after the quote, or after a few words that carry the quoted sentence on (“…” about the deal, said X); a speech cue earlier in the sentence ("X said that …", "X told Y", "X described … as",
 * "a call from X for", "X has accused … of"); "according to X" anywhere in the sentence; and a quote that opens
 * its sentence with no cue of its own continues the quote before it, in the same or the next paragraph, if no
 * one else has spoken in between (unless its sentence goes on from it: “…” is a term); a paragraph ending in
 * "X continued:" hands the quote opening the next paragraph to X, and a name alone before a colon labels
 * the quote after it ("Jane Roe: “…”"); failing all of these, a quote in the predicate of a
 * clause whose subject is named is the subject's, whatever the verb ("X thanked Y for “…”"). Any verb right after the subject of a
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
