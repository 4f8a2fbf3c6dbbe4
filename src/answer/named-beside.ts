import { casedWords, isStopWord, stem, words } from './text-terms.js';

// Words either side of a name that may say what the person did or is: "chairman Sir John Doe", "Doe,
// who chairs".
const NAME_WINDOW = 3;

/** What a "who" question asks the person did or is: its first content word after "who" ("who chairs the…" → chairs). */
export function askedOfPerson(question: string): string | undefined {
  const all = words(question);
  const at = all.findIndex((w) => w === 'who' || w === 'whos');
  if (at < 0) return undefined;
  return all.slice(at + 1).find((w) => !isStopWord(w));
}

/** Whether a sentence holds a capitalised word (not its first) within a few words of one of `terms`. */
export function namedBeside(text: string, terms: ReadonlySet<string>): boolean {
  const cased = casedWords(text);
  for (let i = 1; i < cased.length; i++) {
    if (!/^\p{Lu}\p{Ll}/u.test(cased[i]!)) continue;
    const from = Math.max(0, i - NAME_WINDOW);
    const to = Math.min(cased.length, i + NAME_WINDOW + 1);
    for (let j = from; j < to; j++) if (j !== i && terms.has(stem(cased[j]!.toLowerCase()))) return true;
  }
  return false;
}
