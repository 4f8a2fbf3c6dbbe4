// Where attribution is reading: the paragraph, the reading unit (a sentence, quotes joined) within it, and
// the name spans that start or end at each token of the text around quotes. Reads only; the name spans
// attribution makes on demand are the one thing it adds. Tokens outside the unit read as absent, so no cue
// or subject is ever taken from a neighbouring sentence.
import type { AnalysedParagraph } from './analysed-paragraphs.js';
import type { NameSpan } from './name-spans.js';
import type { Token } from './paragraph-tokens.js';
import { isRoleNoun, qualifiesRole } from './token-classes.js';
import { DETERMINERS, SKIPPABLE } from './word-lists.js';

/** A parenthesis after a name ("(D-Ore.)", "(71)", "(@handle)") is read as an aside only within this many tokens. */
const PARENTHESIS_REACH = 10;
/** An apposition or relative clause (", director of Foo in Bar,") is looked for within this many tokens. */
export const APPOSITION_REACH = 35;
/** Role words and modifiers read back before a name as part of its noun phrase ("the union’s chief negotiator"). */
const PHRASE_WORDS_BEFORE_NAME = 7;
/**
 * A live blog's time stamp opening an entry ("07:12 - ", "10.15am: "): why skipped, the entry's first
 * sentence starts after it, so its subject, a quote opening it or a dash credit read as in any paragraph.
 */
const TIME_STAMP = /^\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[-–—:]\s/iu;
/**
 * A dateline opening a story ("WASHINGTON — ", "TRENTON, N.J. (AP) — "): a place in capitals, perhaps its
 * state and the agency, then a dash. Why skipped: like a time stamp it heads the first sentence, whose
 * subject comes after it.
 */
const DATELINE = /^\s*[A-Z][A-Z.'’ -]*[A-Z.](?:,(?: [A-Z][A-Za-z.]*)+)?(?: \([A-Za-z]+\))? ?[—–-]{1,2}\s/u;

export const isWord = (t: Token | undefined, ...forms: string[]): boolean =>
  t?.kind === 'word' && forms.includes(t.lower);
export const isPunct = (t: Token | undefined, ...marks: string[]): boolean =>
  t?.kind === 'punct' && marks.includes(t.text);

/** A finite verb other than an auxiliary: "fumed", "shot", "concludes". */
export function finiteVerb(t: Token): boolean {
  return (
    t.kind === 'word' &&
    t.tags.has('Verb') &&
    (t.tags.has('PastTense') || t.tags.has('PresentTense')) &&
    !t.tags.has('Modal') &&
    !t.tags.has('Gerund') &&
    !SKIPPABLE.has(t.lower)
  );
}

/** The paragraph and unit being read, and the name spans of the text around quotes, by first and last token. */
export class ReadingWindow {
  /** Index of the paragraph being read. */
  p = 0;
  /** First and last token of the unit being read. */
  unitFrom = 0;
  unitTo = 0;
  private readonly spanStart: Map<number, NameSpan>[];
  private readonly spanEnd: Map<number, NameSpan>[];

  constructor(
    readonly paragraphs: readonly AnalysedParagraph[],
    outerSpans: readonly (readonly NameSpan[])[],
  ) {
    this.spanStart = outerSpans.map((spans) => new Map(spans.map((s) => [s.first, s])));
    this.spanEnd = outerSpans.map((spans) => new Map(spans.map((s) => [s.last, s])));
  }

  /** The name span of the current paragraph that starts at token `k`. */
  startingAt(k: number): NameSpan | undefined {
    return this.spanStart[this.p]?.get(k);
  }

  /** The name span of the current paragraph that ends at token `k`. */
  endingAt(k: number): NameSpan | undefined {
    return this.spanEnd[this.p]?.get(k);
  }

  /** Adds a one-token span made on demand to the current paragraph. */
  addSpan(span: NameSpan): void {
    this.spanStart[this.p]?.set(span.first, span);
    this.spanEnd[this.p]?.set(span.last, span);
  }

  /** The text of the current paragraph. */
  text(): string {
    return this.paragraphs[this.p]?.paragraph.text ?? '';
  }

  /** The tokens of the text around quotes of a paragraph, the current one by default. */
  tokens(p = this.p): Token[] {
    return this.paragraphs[p]?.outer ?? [];
  }

  /** Token `i` of the current paragraph if it is in the current unit, else undefined. */
  t(i: number): Token | undefined {
    return i >= this.unitFrom && i <= this.unitTo ? this.tokens()[i] : undefined;
  }

  /**
   * "Sen. Jane Roe (D-Ore.) said": a parenthesis right after a name (a party and state, an age, a handle) is an
   * aside, so the verb's subject is the name before it. The index of the name's last token, else `close`.
   */
  beforeParenthesis(close: number): number {
    if (!isPunct(this.t(close), ')')) return close;
    for (let k = close - 1; k >= Math.max(this.unitFrom, close - PARENTHESIS_REACH); k--) {
      const t = this.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, ')', ',', ';')) return close;
      if (isPunct(t, '(')) return this.spanEnd[this.p]?.has(k - 1) ? k - 1 : close;
    }
    return close;
  }

  /** The same aside read forwards: the index after a parenthesis opened at `open`, else `open`. */
  afterParenthesis(open: number): number {
    if (!isPunct(this.t(open), '(')) return open;
    for (let k = open + 1; k <= Math.min(this.unitTo, open + PARENTHESIS_REACH); k++) {
      const t = this.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, '(', ',', ';')) return open;
      if (isPunct(t, ')')) return k + 1;
    }
    return open;
  }

  /** The comma closing an apposition or relative clause opened at `open`, or -1. */
  closingComma(open: number): number {
    for (let k = open + 1; k <= this.unitTo && k - open < APPOSITION_REACH; k++) {
      const t = this.t(k);
      if (!t || t.kind === 'quote' || isPunct(t, ';')) return -1;
      if (isPunct(t, ',')) return k;
    }
    return -1;
  }

  /** The first word of the current unit, or -1. */
  firstWord(): number {
    for (let k = this.unitFrom; k <= this.unitTo; k++) if (this.t(k)?.kind === 'word') return k;
    return -1;
  }

  /** The start of the noun phrase that ends with a span: role words and modifiers before a name belong to it. */
  phraseStart(span: NameSpan): number {
    let k = span.first - 1;
    for (let n = 0; n < PHRASE_WORDS_BEFORE_NAME && k >= this.unitFrom; n++) {
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
        (isRoleNoun(t) || t.tags.has('Adjective') || qualifiesRole(t) || DETERMINERS.has(t.lower))
      ) {
        k -= 1;
        continue;
      }
      break;
    }
    return k + 1;
  }

  /** The token after `i`, past commas and dashes. */
  nextIndexSkipping(i: number): number {
    let k = i + 1;
    while (isPunct(this.t(k), ',', '—', '–', '-')) k += 1;
    return k;
  }

  /** The first token of the current paragraph's own words: after a live blog's time stamp or a dateline. */
  bodyStart(): number {
    const stamp = TIME_STAMP.exec(this.text()) ?? DATELINE.exec(this.text());
    if (!stamp) return 0;
    const first = this.tokens().findIndex((t) => t.start >= stamp[0].length);
    return first < 0 ? 0 : first;
  }

  /** Whether only punctuation stands before token `q` in its paragraph (a time stamp or dateline aside). */
  opensParagraph(q: number): boolean {
    return this.tokens()
      .slice(this.bodyStart(), q)
      .every((t) => t.kind === 'punct');
  }

  /** Whether only opening brackets and dashes stand before token `q` in the current unit. */
  opensUnit(q: number): boolean {
    for (let k = this.unitFrom; k < q; k++) if (!isPunct(this.t(k), '(', '[', '—', '–', '-')) return false;
    return true;
  }
}
