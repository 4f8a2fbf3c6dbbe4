/**
 * What unit a number question wants its number in, read from its wording, as a test of a sentence's
 * text: an age for "how old", a share for "what percentage" or "by how much did it fall", a sum of money
 * for "how much did it cost", a span of time for "how long", a score for "what was the score". A
 * sentence with a number in another unit ("£2m" for "how old is Jane Roe") does not answer it.
 */
export function numberUnitTest(question: string): ((text: string) => boolean) | undefined {
  const q = question.toLowerCase();
  const tests: RegExp[] = [];
  if (/\bhow old\b|\bwhat age\b/.test(q)) tests.push(AGE);
  if (/\b(?:percentage|per ?cent|percent|proportion|share|rate|how far|by how much)\b/.test(q))
    tests.push(SHARE);
  if (/\bhow much\b/.test(q) && MONEY_WORDS.test(q)) tests.push(MONEY);
  if (/\bhow long\b/.test(q)) tests.push(DURATION);
  if (/\bscore\b/.test(q)) tests.push(SCORE);
  if (tests.length === 0) return undefined;
  return (text) => tests.some((t) => t.test(text));
}

// "Jane Roe, 58, of Zentford", "the 58-year-old", "aged 58".
const AGE = /,\s\d{1,3},|\b\d{1,3}-year-old\b|\baged \d{1,3}\b|\(\d{1,3}\)/;
const SHARE = /\d\s?(?:%|per ?cent\b|percent\b|percentage points?\b)/i;
const MONEY_WORDS =
  /\b(?:money|cost|costs|pay|paid|spend|spent|worth|price|value|fund|funding|budget|salary|fee|fees|fine|profit|loss|lose|lost|raise|raised|save|saving|savings|bill|charge|earn|earned|debt|owe|invest|invested|sales|revenue)\b/;
const MONEY = /[£$€¥]\s?\d|\b\d[\d,.]*\s?(?:m|bn|k|million|billion|pounds?|dollars?|euros?|pence|cents?)\b/i;
const DURATION =
  /\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|many)[\s-]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b/i;
const SCORE = /\b\d{1,3}\s?[-–]\s?\d{1,3}\b/;
