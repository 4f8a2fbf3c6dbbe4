import type nlp from 'compromise';

/** compromise, loaded: the part-of-speech tagger and its dictionary. */
export interface Tagger {
  nlp: typeof nlp;
  /** compromise's dictionary: lower-case word or phrase → its tags, without context. */
  lexicon: Readonly<Record<string, string | string[]>>;
}

// Importing compromise costs 0.7 s and ~45 MB at start-up; a start whose analyses are all cached never
// needs it. Memoised like an embedding pipeline: one load per process, shared by every build.
let loading: Promise<Tagger> | undefined;
let loaded: Tagger | undefined;

/** Loads compromise once; later calls return the same promise. Await it before analysing an article. */
export function loadTagger(): Promise<Tagger> {
  loading ??= import('compromise').then(({ default: tag }) => {
    const model = (tag as unknown as { model(): { one: { lexicon: Tagger['lexicon'] } } }).model();
    loaded = { nlp: tag, lexicon: model.one.lexicon };
    return loaded;
  });
  return loading;
}

/** The loaded tagger; throws if `loadTagger()` has not finished, rather than tagging with nothing. */
export function tagger(): Tagger {
  if (!loaded)
    throw new Error('The quote tagger is not loaded: await loadTagger() before analysing articles');
  return loaded;
}
