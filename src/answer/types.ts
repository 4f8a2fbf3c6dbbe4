/** A paragraph that supports an answer; citations come best first. */
export interface Citation {
  /** Citation id, `slug#paragraph`. */
  id: string;
  doc: string;
  title: string;
  paragraph: number;
  /** The paragraph's full text. */
  text: string;
  score: number;
  url?: string;
}

/** What `/ask` and `cli ask` return: the CLI prints exactly this as JSON. */
export interface AskResult {
  question: string;
  /** Quoted sentences each followed by its citation (`… [¶14]`), or, when declined, why and what to ask. */
  answer: string;
  declined: boolean;
  citations: Citation[];
}
