import { createHash } from 'node:crypto';

/**
 * A button's custom id carries everything its click needs (Discord sends it back verbatim, up to 100
 * characters), so buttons keep working after a restart or a reload with nothing stored by the bot.
 * Shape: `<command>:<action>:<arguments>`; the command's module handles its own buttons.
 */

/** A cited paragraph: its article's slug and its number. */
export interface ParagraphRef {
  doc: string;
  paragraph: number;
}

/** The command a custom id belongs to, and the rest of it (the action and its arguments). */
export function splitButtonId(customId: string): { command: string; args: string[] } {
  const [command = '', ...args] = customId.split(':');
  return { command, args };
}

/** `slug#3` → a ref; undefined for anything else. */
export function refOf(citationId: string): ParagraphRef | undefined {
  const match = /^([a-z0-9-]+)#(\d+)$/.exec(citationId);
  return match ? { doc: match[1]!, paragraph: Number(match[2]) } : undefined;
}

/**
 * Refs in few characters: `slug.3.7;other.1`, articles in first-cited order. Slugs hold only lower-case
 * letters, digits and hyphens, so `.`, `;` and `:` cannot occur in them. As many refs as fit `room`
 * characters are kept, in order.
 */
export function encodeRefs(refs: readonly ParagraphRef[], room: number): string {
  let encoded = '';
  for (let count = 1; count <= refs.length; count++) {
    const byDoc = new Map<string, number[]>();
    for (const { doc, paragraph } of refs.slice(0, count))
      byDoc.set(doc, [...(byDoc.get(doc) ?? []), paragraph]);
    const next = [...byDoc].map(([doc, numbers]) => `${doc}.${numbers.join('.')}`).join(';');
    if (next.length > room) break;
    encoded = next;
  }
  return encoded;
}

/** The refs `encodeRefs` wrote; anything malformed (a forged or truncated id) gives none. */
export function decodeRefs(encoded: string): ParagraphRef[] {
  if (encoded === '') return [];
  const refs: ParagraphRef[] = [];
  for (const group of encoded.split(';')) {
    const [doc = '', ...numbers] = group.split('.');
    if (!/^[a-z0-9-]+$/.test(doc) || numbers.length === 0) return [];
    for (const n of numbers) {
      if (!/^\d{1,6}$/.test(n)) return [];
      refs.push({ doc, paragraph: Number(n) });
    }
  }
  return refs;
}

/** A short fingerprint of cited texts, to tell later whether they were edited since. */
export function textStamp(texts: readonly string[]): string {
  return createHash('sha256').update(texts.join('\u0000')).digest('base64url').slice(0, 8);
}
