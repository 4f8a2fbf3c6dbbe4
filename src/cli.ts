import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { AskResult } from './answer/types.js';
import { ConfigError, loadConfig } from './config.js';
import { openLibrary } from './engine/open-library.js';
import type { KnowledgeIndex } from './engine/knowledge-index.js';
import { readFeedback } from './feedback/feedback-store.js';
import { summariseFeedback, type FeedbackSummary } from './feedback/summarise-feedback.js';
import { UserError } from './errors.js';
import { loadKnowledgeFolder } from './knowledge/load-knowledge.js';
import type { KnowledgeFolder } from './knowledge/types.js';
import { createLogger } from './logger.js';
import type { QuoteResult } from './quotes/types.js';

const USAGE = `Usage:
  npm run cli -- ask [--json] "<question>"     answer a question from the articles
  npm run cli -- ask --json -                  one question per line on standard input, one JSON line each
  npm run cli -- quote [--json] "<name>"       what a person or organisation said
  npm run cli -- sources [--json]              the loaded articles
  npm run cli -- check                         validate the knowledge files, list what is skipped, and exit
  npm run cli -- feedback [--json]             what members' 👍/👎 say: totals, most down-voted questions
  npm run ask -- "<question>"                  shorthand for "cli -- ask"

Settings come from the environment or .env (see .env.example); KNOWLEDGE_DIR picks the folder.
Exit codes: 0 answered or declined, 2 bad input or bad knowledge files, 1 anything else.`;

const EXIT_BAD_INPUT = 2;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : EXIT_BAD_INPUT;
  }
  const config = loadConfig();
  const json = values.json;

  if (command === 'check') {
    process.stdout.write(formatCheck(config.KNOWLEDGE_DIR, await loadKnowledgeFolder(config.KNOWLEDGE_DIR)));
    return 0;
  }
  if (command === 'feedback') {
    if (rest.length > 0) throw new UserError(`"feedback" takes no argument.\n${USAGE}`);
    // Reads one file: no index, no model, so it answers at once even while the bot runs.
    const { records, skipped } = await readFeedbackFolder(config.FEEDBACK_DIR);
    const summary = summariseFeedback(records);
    process.stdout.write(
      json
        ? `${JSON.stringify({ dir: config.FEEDBACK_DIR, skipped, ...summary })}\n`
        : formatFeedback(config.FEEDBACK_DIR, summary, skipped),
    );
    return 0;
  }
  if (!['ask', 'quote', 'sources'].includes(command))
    throw new UserError(`Unknown command "${command}".\n${USAGE}`);
  if (command !== 'sources' && rest.length === 0)
    throw new UserError(`"${command}" needs an argument.\n${USAGE}`);

  const logger = createLogger(config.LOG_LEVEL);
  const index = (await openLibrary(config, logger)).current;

  if (command === 'sources') {
    printSources(index, json);
    return 0;
  }
  if (command === 'quote') {
    const result = index.quote(rest.join(' '));
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : formatQuote(result));
    return 0;
  }
  if (rest.length === 1 && rest[0] === '-') return askFromStdin(index, json);
  const result = await index.ask(rest.join(' '));
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : formatAnswer(result));
  return 0;
}

/** One question per line; a bad line gets a JSON error object and the batch goes on. */
async function askFromStdin(index: KnowledgeIndex, json: boolean): Promise<number> {
  let failed = false;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    try {
      const result = await index.ask(line);
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatAnswer(result)}\n`);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      failed = true;
      process.stdout.write(
        json
          ? `${JSON.stringify({ question: line, error: err.message })}\n`
          : `${line}\n  ${err.message}\n\n`,
      );
    }
  }
  return failed ? EXIT_BAD_INPUT : 0;
}

/** Skipped entries are not errors (the exit code stays 0), but each is named, so none is missed silently. */
function formatCheck(dir: string, { articles, skipped }: KnowledgeFolder): string {
  const paragraphs = articles.reduce((n, a) => n + a.paragraphs.length, 0);
  const lines = [`${dir}: ${articles.length} article(s), ${paragraphs} paragraphs, all valid`];
  if (skipped.length > 0) {
    lines.push(`Skipped ${skipped.length} entr${skipped.length === 1 ? 'y' : 'ies'}, not read as articles:`);
    for (const s of skipped) lines.push(`  ${s.file}: ${s.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `readFeedback`, with a folder that cannot be read reported as a setting to fix (exit 2), not a crash. */
async function readFeedbackFolder(dir: string): ReturnType<typeof readFeedback> {
  try {
    return await readFeedback(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    throw new UserError(`FEEDBACK_DIR: cannot read the feedback in ${dir} (${code}).`);
  }
}

function formatFeedback(dir: string, summary: FeedbackSummary, skipped: number): string {
  const lines =
    summary.votes === 0
      ? [`No feedback recorded yet in ${dir}.`]
      : [
          `Feedback in ${dir}: ${summary.votes} vote(s) from ${summary.members} member(s): ` +
            `${summary.up} up, ${summary.down} down.`,
        ];
  if (summary.superseded > 0)
    lines.push(
      `${summary.superseded} earlier vote(s) not counted: the member voted again on the same answer.`,
    );
  // Said, not hidden: many skipped lines mean something other than a crash is writing the file.
  if (skipped > 0) lines.push(`Skipped ${skipped} malformed line(s) (a write cut short, or an edit).`);
  if (summary.mostDownVoted.length > 0) lines.push('', 'Most down-voted questions:');
  summary.mostDownVoted.forEach((q, i) => {
    lines.push(`${i + 1}. ${q.down} down, ${q.up} up: ${q.question}`);
    lines.push(`   cited: ${q.citations.length > 0 ? q.citations.join(', ') : 'nothing (declined)'}`);
  });
  return `${lines.join('\n')}\n`;
}

function formatAnswer(result: AskResult): string {
  const lines = [result.answer, ''];
  for (const c of result.citations) {
    lines.push(
      `[${c.id}] ${c.title} — ¶${c.paragraph}${result.declined ? '' : ` (score ${c.score})`}`,
      `  ${c.text}`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

function formatQuote(result: QuoteResult): string {
  if (!result.speaker) {
    const hint = result.suggestions.length > 0 ? ` Did you mean: ${result.suggestions.join(', ')}?` : '';
    return `No one called "${result.query}" is named in the articles.${hint}\n`;
  }
  if (result.quotes.length === 0) {
    return `${result.speaker} is mentioned (${result.mentioned.join(', ')}) but not quoted.\n`;
  }
  const lines = [`${result.speaker}: ${result.quotes.length} quote(s)`, ''];
  for (const q of result.quotes) lines.push(`“${q.text}” [${q.id}]`, `  ${q.context}`, '');
  return `${lines.join('\n')}\n`;
}

function printSources(index: KnowledgeIndex, json: boolean): void {
  const sources = index.articles.map((a) => ({
    slug: a.slug,
    title: a.title,
    source: a.source,
    date: a.date ?? null,
    url: a.url ?? null,
    paragraphs: a.paragraphs.length,
  }));
  if (json) {
    process.stdout.write(`${JSON.stringify({ articles: sources, stats: index.stats })}\n`);
    return;
  }
  for (const s of sources)
    process.stdout.write(
      `${s.slug}  ${s.title} (${s.source}${s.date ? `, ${s.date}` : ''}) — ${s.paragraphs} paragraphs\n`,
    );
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (
      err instanceof UserError ||
      err instanceof ConfigError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    } else {
      process.stderr.write(
        `Unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    }
  },
);
