/** One direct quotation, verbatim, with where it stands. */
export interface QuoteHit {
  text: string;
  /** Citation id of the paragraph, `slug#paragraph`. */
  id: string;
  doc: string;
  paragraph: number;
  /** The sentence the quote stands in (the whole passage when a quote spans sentences). */
  context: string;
}

/** What `/quote` and `cli quote` return: the CLI prints exactly this as JSON. */
export interface QuoteResult {
  query: string;
  /**
   * Canonical name of the matched speaker; the name as the text writes it when the articles name it but
   * the speaker registry does not know it (then never quoted); null when they name no one of that name.
   */
  speaker: string | null;
  /** The speaker's quotes in article order. */
  quotes: QuoteHit[];
  /** Citation ids of the paragraphs where the person is named. */
  mentioned: string[];
  /** Nearest known names, when the query matched nobody (or matched someone never quoted). */
  suggestions: string[];
}

/** One autocomplete choice for `/quote speaker:`. */
export interface SpeakerSuggestion {
  name: string;
  quoteCount: number;
}
