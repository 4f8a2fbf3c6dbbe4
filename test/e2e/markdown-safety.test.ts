import { copyFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { EmulatedInteraction } from './discord-emulator.js';
import { moderator } from './payloads.js';
import { within, type Harness, E2E, harnessOnScratchKnowledge } from './harness.js';

// What the bot posts when a question, a file name or an article address carries Markdown or a link:
// the real bot, the real engine and a scratch copy of knowledge/, asserting on the bodies Discord received.

const SECOND_ARTICLE = path.resolve('test/fixtures/two-articles/harbour-reopens.md');

let h: Harness;
let knowledgeDir: string;

harnessOnScratchKnowledge((harness, dir) => {
  h = harness;
  knowledgeDir = dir;
});

interface PostedMessage {
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components?: { components: { style: number; label?: string; url?: string }[] }[];
}

/** The message body the bot sent last for `interaction` (its edit of the deferred reply). */
function lastPosted(interaction: EmulatedInteraction): PostedMessage {
  return h.emulator.requestsFor(interaction).at(-1)?.body ?? {};
}

/** Every piece of embed text in a posted message, which is where Discord renders Markdown. */
function embedTexts(message: PostedMessage): string[] {
  return (message.embeds ?? []).flatMap((e) => [
    e.title ?? '',
    e.description ?? '',
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
  ]);
}

/** A masked link whose "[" is not escaped, or an address Discord would link by itself. */
function hasLink(text: string): boolean {
  const syntax = text.replace(/\\[\s\S]/g, '');
  return /\[[\s\S]*\]\(/.test(syntax) || /[a-z][a-z\d+.-]*:\/\//i.test(syntax);
}

describe('Markdown and links in what the bot posts', E2E, () => {
  test('a question with a masked link is posted back escaped, with no link in it', async () => {
    const question = 'What did [FREE NITRO](https://evil.example/phish) say?';
    const { interaction, outcome } = h.command('ask', { question });
    await within(outcome, 15_000, '/ask');

    const posted = lastPosted(interaction);
    expect(posted.embeds?.[0]?.title).toBe('What did \\[FREE NITRO](https\\://evil.example/phish) say?');
    for (const text of embedTexts(posted)) expect(hasLink(text)).toBe(false);
  });

  test('an article’s address is posted as a link button, not as Markdown in the text', async () => {
    await copyFile(SECOND_ARTICLE, path.join(knowledgeDir, 'harbour-reopens.md'));
    await within(h.command('reload', {}, moderator()).outcome, 30_000, '/reload');

    const { interaction, outcome } = h.command('ask', { question: 'How much did the harbour repairs cost?' });
    await within(outcome, 15_000, '/ask');

    const posted = lastPosted(interaction);
    expect(posted.embeds?.[0]?.description).toContain('£2 million');
    for (const text of embedTexts(posted)) expect(hasLink(text)).toBe(false);
    const links = (posted.components ?? [])
      .flatMap((row) => row.components)
      .filter((button) => button.url !== undefined);
    expect(links).toEqual([
      { type: 2, style: 5, label: 'Read the article', url: 'https://example.com/harbour-reopens' },
    ]);
  });

  test('a reload refuses an address that would open a second link, naming the file as written and the field', async () => {
    const file = path.join(knowledgeDir, 'bad `url` [x](https:evil).md');
    await writeFile(
      file,
      '---\ntitle: Bad link\nsource: Test\ndate: 2024-01-01\nurl: "https://example.com/a)[x](https://evil.example"\n---\n\nA paragraph.\n',
    );
    try {
      const { interaction, outcome } = h.command('reload', {}, moderator());
      const result = await within(outcome, 30_000, '/reload');
      expect(result.message?.embeds[0]?.title).toBe(
        'Reload failed: still answering from the previous knowledge base',
      );

      const description = lastPosted(interaction).embeds?.[0]?.description ?? '';
      expect(description).toContain(
        'bad \\`url\\` \\[x](https:evil).md: front matter "url": must not contain',
      );
      expect(description).not.toMatch(/(^|[^\\])`/);
      expect(hasLink(description)).toBe(false);
    } finally {
      await rm(file);
    }
  });
});
