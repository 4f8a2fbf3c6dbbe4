import { ButtonStyle, ComponentType, type APIButtonComponentWithURL } from 'discord.js';
import type { ReloadReport } from '../engine/library.js';
import type { IndexStats } from '../engine/knowledge-index.js';
import type { KnowledgeProblem } from '../errors.js';
import type { Article, KnowledgeFolder } from '../knowledge/types.js';
import {
  buttonRows,
  COLOUR,
  DISCORD_LIMITS,
  fitEmbed,
  NO_MENTIONS,
  plain,
  truncate,
  type ButtonRow,
  type ReplyBody,
} from './discord-text.js';

/** Shown for any error that is not the user's; the details are in the log, not in the channel. */
export const APOLOGY =
  'Sorry, something went wrong on my side. It has been logged; please try again in a moment.';

/**
 * A link button for each article with an address, once per address, at most 25. Discord shows a
 * button's target before opening it and nothing in it is Markdown, so no address can pose as another.
 * The parser admits only http(s) addresses; one too long for a button gets none rather than failing
 * the whole reply.
 */
function linkButtons(articles: readonly Pick<Article, 'title' | 'url'>[]): ButtonRow[] {
  const byUrl = new Map<string, string>();
  for (const { title, url } of articles) {
    if (url && url.length <= DISCORD_LIMITS.buttonUrl && !byUrl.has(url)) byUrl.set(url, title);
  }
  return buttonRows(
    [...byUrl].map(([url, title]): APIButtonComponentWithURL => ({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: truncate(title, DISCORD_LIMITS.buttonLabel),
      url,
    })),
  );
}

// Slugs may sit in code spans: the parser admits only lowercase letters, digits and hyphens.
function listOrNone(label: string, slugs: readonly string[]): string | undefined {
  return slugs.length > 0 ? `**${label}:** ${slugs.map((s) => `\`${s}\``).join(', ')}` : undefined;
}

/** The moderator's report after a successful `/reload`: what changed, what was re-embedded, how long it took. */
export function formatReloadReport(report: ReloadReport): ReplyBody {
  const changes = [
    listOrNone('Added', report.added),
    listOrNone('Removed', report.removed),
    listOrNone('Changed', report.changed),
  ].filter((line): line is string => line !== undefined);
  const lines = [
    ...(changes.length > 0 ? changes : ['No article was added, removed or changed.']),
    `**Unchanged:** ${report.unchanged} ${report.unchanged === 1 ? 'article' : 'articles'}`,
    `**Re-embedded:** ${report.embeddedTexts} ${report.embeddedTexts === 1 ? 'text' : 'texts'} (the rest came from the cache)`,
    ...report.skipped.map((s) => `**Skipped:** ${plain(s.file)}: ${plain(s.reason)}`),
    `**Took:** ${(report.durationMs / 1000).toFixed(1)} s`,
    `Now answering from ${report.stats.articles} articles, ${report.stats.paragraphs} paragraphs and ${report.stats.quotes} quotes.`,
  ];
  return {
    embeds: [
      fitEmbed({
        title: 'Knowledge base reloaded',
        description: truncate(lines.join('\n'), DISCORD_LIMITS.embedDescription),
        color: COLOUR.ok,
      }),
    ],
    allowedMentions: NO_MENTIONS,
  };
}

/** The moderator's report when `/reload` failed: every broken file and why; the old index still serves. */
export function formatReloadFailure(problems: readonly KnowledgeProblem[]): ReplyBody {
  // No code span for the file name: a backtick in the name would close it.
  const lines = problems.map((p) => `• ${plain(p.file)}: ${plain(p.problem)}`);
  return {
    embeds: [
      fitEmbed({
        title: 'Reload failed: still answering from the previous knowledge base',
        description: truncate(lines.join('\n'), DISCORD_LIMITS.embedDescription),
        footer: { text: 'Fix the files above and run /reload again.' },
        color: COLOUR.failed,
      }),
    ],
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * A message for the person who caused an error (bad input, not allowed, on cooldown), or the apology.
 * Shown as written: notices are the bot's own words and never echo what the user typed.
 */
export function formatNotice(message: string): ReplyBody {
  return { content: truncate(message, DISCORD_LIMITS.content), allowedMentions: NO_MENTIONS };
}

/** The `/sources` reply: every article the bot answers from, with its source and date, and link buttons. */
export function formatSources(articles: readonly Article[], stats: IndexStats): ReplyBody {
  const lines = articles.map((a) => {
    const title = `**${plain(a.title)}**`;
    const origin = [a.source, a.date].filter(Boolean).map((s) => plain(String(s)));
    return `• ${title} (${[...origin, `${a.paragraphs.length} ¶`].join(', ')})`;
  });
  let description = '';
  for (const [i, line] of lines.entries()) {
    const more = `\n… and ${lines.length - i} more`;
    if (description.length + line.length + 1 + more.length > DISCORD_LIMITS.embedDescription) {
      description += more;
      break;
    }
    description += `${i === 0 ? '' : '\n'}${line}`;
  }
  return {
    embeds: [
      fitEmbed({
        title: 'What I can answer from',
        description: description || 'No articles are loaded.',
        footer: {
          text: `${stats.articles} articles · ${stats.paragraphs} paragraphs · ${stats.speakers} speakers · ${stats.quotes} quotes`,
        },
        color: COLOUR.answer,
      }),
    ],
    components: linkButtons(articles),
    allowedMentions: NO_MENTIONS,
  };
}

/** `/article list`: each article file with its slug and size, then anything the loader skips and why. */
export function formatArticleList({ articles, skipped }: KnowledgeFolder): ReplyBody {
  const lines = [
    ...articles.map(
      (a) => `• ${plain(a.file)}: **${plain(a.title)}** (\`${a.slug}\`, ${a.paragraphs.length} ¶)`,
    ),
    ...skipped.map((s) => `• ${plain(s.file)}: skipped, ${plain(s.reason)}`),
  ];
  return {
    embeds: [
      fitEmbed({
        title: `${articles.length} ${articles.length === 1 ? 'article' : 'articles'} in the knowledge folder`,
        description: truncate(lines.join('\n'), DISCORD_LIMITS.embedDescription),
        color: COLOUR.answer,
      }),
    ],
    allowedMentions: NO_MENTIONS,
  };
}

/** The `/help` card: every command in a line, and what the bot will and will not do. */
export function formatHelp(stats: IndexStats): ReplyBody {
  const lines = [
    `I answer from ${stats.articles} news ${stats.articles === 1 ? 'article' : 'articles'}, quoting them word for word and citing each paragraph (¶).`,
    '',
    '**/ask** `question` — a question about the articles; I quote the sentences that answer it, or say the articles do not.',
    '**/quote** `speaker` — everything a person or organisation is quoted as saying.',
    '**/sources** — the articles I answer from.',
    '**Apps → Ask the articles** (on any message) — ask about that message, privately.',
    '',
    'Add `private: True` to /ask or /quote to see the answer alone. Under an answer, **Show sources** shows the full paragraphs to you only, and 👍/👎 tell the moderators how I did.',
    '-# Moderators: /article add|remove|list and /reload change the knowledge base.',
  ];
  return {
    embeds: [{ title: 'How to use me', description: lines.join('\n'), color: COLOUR.answer }],
    allowedMentions: NO_MENTIONS,
  };
}
