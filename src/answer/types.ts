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

/** One passage of an answer, quoted word for word from the paragraph its citation names. */
export interface AnswerPart {
  text: string;
  /** The id of the citation it comes from (`slug#paragraph`). */
  citation: string;
}

/** What `/ask` and `cli ask` return: the CLI prints exactly this as JSON. */
export interface AskResult {
  question: string;
  /** Quoted sentences each followed by its citation (`… [¶14]`), or, when declined, why and what to ask. */
  answer: string;
  /** The answer's passages in reading order, for readers that lay out citations themselves; none when declined. */
  parts: AnswerPart[];
  declined: boolean;
  /** Best first: the paragraphs the parts come from, then any others that support the answer. */
  citations: Citation[];
}
