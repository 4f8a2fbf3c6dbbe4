/** Optimal string alignment distance, giving up once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows, reused: this runs hundreds of times per lookup.
  const width = b.length + 1;
  let previous2 = new Int32Array(width);
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      )
        value = Math.min(value, previous2[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return previous[b.length]!;
}

/** Every distinct string made by deleting one character (SymSpell): two names a typo apart share one of these. */
export function deletions(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return out;
}

/** True when deleting one character of `long` gives `short`. */
function isDeletion(long: string, short: string): boolean {
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  for (; i < short.length; i++) if (long.charCodeAt(i + 1) !== short.charCodeAt(i)) return false;
  return true;
}

/** FNV-1a of `text` without the character at `skip` (-1 for none), so a deletion is hashed without being built. */
function hashWithout(text: string, skip: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    if (i === skip) continue;
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** A 32-bit hash and an item number share one float64 exactly: 32 + 21 bits ≤ 53. */
const ITEM_SPACE = 2 ** 21;

/**
 * Strings found by their one-character deletions (SymSpell), held as sorted (hash, item) numbers rather than
 * as a map of every deletion: at a thousand articles that map held over a hundred thousand strings.
 * A hash collision is ruled out by checking the item itself, so answers are exact.
 */
export class DeletionIndex {
  readonly #items: readonly string[];
  readonly #includeSelf: boolean;
  readonly #entries: Float64Array;

  /** `includeSelf`: an item is also found by its own text, not only by its deletions. */
  constructor(items: readonly string[], { includeSelf }: { includeSelf: boolean }) {
    if (items.length > ITEM_SPACE) throw new RangeError(`DeletionIndex holds at most ${ITEM_SPACE} strings`);
    this.#items = items;
    this.#includeSelf = includeSelf;
    let size = 0;
    for (const item of items) size += item.length + (includeSelf ? 1 : 0);
    const entries = new Float64Array(size);
    let n = 0;
    items.forEach((item, k) => {
      if (includeSelf) entries[n++] = hashWithout(item, -1) * ITEM_SPACE + k;
      for (let i = 0; i < item.length; i++) entries[n++] = hashWithout(item, i) * ITEM_SPACE + k;
    });
    entries.sort();
    // "anna" gives "ana" twice: one entry each.
    let unique = 0;
    for (let i = 0; i < entries.length; i++)
      if (i === 0 || entries[i] !== entries[unique - 1]) entries[unique++] = entries[i]!;
    this.#entries = entries.slice(0, unique);
  }

  /** Numbers of the items that `text` is a one-character deletion of (or equal to, with `includeSelf`), ascending. */
  find(text: string): number[] {
    const low = hashWithout(text, -1) * ITEM_SPACE;
    const entries = this.#entries;
    const from = lowerBound(entries, low);
    const found: number[] = [];
    for (let i = from; i < entries.length && entries[i]! < low + ITEM_SPACE; i++) {
      const k = entries[i]! - low;
      const item = this.#items[k]!;
      if ((this.#includeSelf && item === text) || isDeletion(item, text)) found.push(k);
    }
    return found;
  }
}

/** First position in a sorted array whose element is not less than `value`. */
export function lowerBound<T extends string | number>(sorted: ArrayLike<T>, value: T): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
