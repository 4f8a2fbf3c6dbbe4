import { isStopWord, stem, words } from './text-terms.js';

// Words either side of a number that may name what it counts: "45 firefighters", "a crowd of 31,412",
// "31 bank accounts".
const COUNT_WINDOW = 3;
const NUMBER_WORD =
  /^(?:\d.*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?)$/;

/**
 * What a "how many" question counts: its content words right after "how many", up to the next word that
 * carries no topic ("how many fire crew members were…" → fire, crew, members). Empty for any other
 * question.
 */
export function countedWords(question: string): string[] {
  const all = words(question);
  const at = all.findIndex((w, i) => w === 'how' && all[i + 1] === 'many');
  if (at < 0) return [];
  const counted: string[] = [];
  for (const word of all.slice(at + 2)) {
    if (isStopWord(word)) break;
    counted.push(word);
  }
  return counted;
}

/**
 * Whether a sentence (its lower-case words) holds a number within a few words of a word whose index term
 * is one of `counted`.
 */
export function countsAny(sentenceWords: readonly string[], counted: ReadonlySet<string>): boolean {
  for (let i = 0; i < sentenceWords.length; i++) {
    if (!NUMBER_WORD.test(sentenceWords[i]!)) continue;
    const from = Math.max(0, i - COUNT_WINDOW);
    const to = Math.min(sentenceWords.length, i + COUNT_WINDOW + 1);
    for (let j = from; j < to; j++) if (j !== i && counted.has(stem(sentenceWords[j]!))) return true;
  }
  return false;
}
