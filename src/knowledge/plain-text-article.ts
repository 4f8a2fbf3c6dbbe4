/** What a plain-text article without front matter yields: metadata found around the body, and the body. */
export interface PlainTextArticle {
  title?: string;
  date?: string;
  source?: string;
  body: string;
}

// A body paragraph ends like a sentence; page furniture (navigation, headline, date line) does not.
const SENTENCE_END = /[.!?…]["”’)\]]?$/u;
const DATE_LINE =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b/iu;
const CREDIT_LINE = /^(?:via|source:?|from|©|copyright)\s+(.+)$/iu;

/**
 * Reads a plain-text article as saved from a news page: the blocks before the first paragraph that
 * reads as prose are page furniture (a date line, site navigation, the headline, which becomes the
 * title), and a closing one-line credit ("Via FT") is the source. None of them is a body paragraph, so
 * paragraphs are numbered as a reader counts them. A file that is all prose is all body.
 */
export function readPlainTextArticle(text: string): PlainTextArticle {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const isDateLine = (line: string) => line.length <= 60 && DATE_LINE.test(line);
  const isProse = (block: string) => SENTENCE_END.test(block) && !(isSingleLine(block) && isDateLine(block));

  const firstProse = blocks.findIndex(isProse);
  if (firstProse < 0) return { body: blocks.join('\n\n') };
  const furniture = blocks.slice(0, firstProse);
  const body = blocks.slice(firstProse);

  let source: string | undefined;
  const last = body[body.length - 1];
  const credit = last && isSingleLine(last) && last.length <= 80 ? CREDIT_LINE.exec(last) : null;
  if (credit && body.length > 1) {
    source = credit[1]!.trim();
    body.pop();
  }

  const lines = furniture.flatMap((b) => b.split('\n').map((l) => l.trim()));
  const date = lines.find(isDateLine)?.replace(/\.$/, '');
  const title = [...furniture].reverse().find((b) => isSingleLine(b) && b.length <= 200 && !isDateLine(b));
  return {
    ...(title ? { title } : {}),
    ...(date ? { date } : {}),
    ...(source ? { source } : {}),
    body: body.join('\n\n'),
  };
}

function isSingleLine(block: string): boolean {
  return !block.includes('\n');
}
