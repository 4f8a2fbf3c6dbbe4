// Spoken exchanges: counsel questioning a witness, two people trading remarks at a meeting. A quote that is
// a turn of an exchange (a question someone "asked", a reply someone "replied") is answered, not carried on,
// by a quote standing alone at the start of the next paragraph: that quote is the other party's, or no
// one's the text can tell.
import type { Token } from './paragraph-tokens.js';
import type { NameSpan } from './name-spans.js';
import { isPunct } from './reading-window.js';
import { ASKING_VERBS, REPLY_VERBS } from './word-lists.js';

/** One quote as the exchange keeps it: who said it, where, and whether it was a turn of an exchange. */
interface Said {
  speaker: string | null;
  paragraph: number;
  turn: boolean;
  /** Whom a question names as it ends ("You knew the procedure, Mr Roe?"). */
  addressee: string | null;
}

/** How far back the exchange keeps quotes: the turn and the paragraph before it are all an answer needs. */
const KEPT = 8;

/**
 * Whether a quote's attribution makes it a turn of an exchange: a question with an asking verb ("…?" Jane
 * Roe asked), or a reply ("…," she replied). Rhetorical questions are said, not asked, as often as not, so
 * "said" makes no turn.
 */
export function isTurn(verb: Token | undefined, text: string): boolean {
  const word = verb?.lower ?? '';
  return (ASKING_VERBS.has(word) && text.trimEnd().endsWith('?')) || REPLY_VERBS.has(word);
}

/**
 * "…, Mr Roe?": the one a question names at its end, set off by a comma: the person it is put to. `inner`
 * is the question's own tokens, `spans` the names read in them.
 */
export function addresseeOf(inner: readonly Token[], spans: readonly NameSpan[]): string | null {
  const last = inner.length - 1;
  const vocative = spans.find(
    (s) =>
      s.entity &&
      !s.possessive &&
      isPunct(inner[s.first - 1], ',') &&
      isPunct(inner[s.last + 1], '?') &&
      s.last + 1 === last,
  );
  return vocative?.entity ?? null;
}

/** The quotes of an article so far, read in order, for the answers to its exchanges. */
export class Exchange {
  private readonly said: Said[] = [];

  /** Records a quote as attribution left it. */
  note(quote: Said): void {
    this.said.push(quote);
    if (this.said.length > KEPT) this.said.shift();
  }

  /** Whether the last quote recorded is a turn, standing in paragraph `p` (to carry a turn on within it). */
  turnIn(p: number): boolean {
    const last = this.said.at(-1);
    return !!last && last.turn && last.paragraph === p;
  }

  /**
   * For a quote standing alone at the start of paragraph `p`: undefined when the paragraph before ended with
   * no turn of an exchange; else who answers it: the one the question named, or the speaker of the
   * paragraph before the turn when that was someone else, or null (no one the text can tell).
   */
  answerer(p: number): string | null | undefined {
    const last = this.said.at(-1);
    if (!last || !last.turn || last.paragraph !== p - 1) return undefined;
    if (last.addressee && last.addressee !== last.speaker) return last.addressee;
    const before = [...this.said].reverse().find((s) => s.paragraph < last.paragraph);
    const other = before?.paragraph === last.paragraph - 1 ? before.speaker : null;
    return other && other !== last.speaker ? other : null;
  }
}
