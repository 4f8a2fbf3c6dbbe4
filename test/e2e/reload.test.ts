import { readFileSync, writeFileSync } from 'node:fs';
import { appendFile, copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { describe, expect, test } from 'vitest';
import type { InteractionOutcome } from './discord-emulator.js';
import { guildMember, MEMBER_PERMISSIONS, moderator } from './payloads.js';
import { within, type Harness, E2E, harnessOnScratchKnowledge } from './harness.js';

// /reload against a scratch copy of knowledge/, which the tests edit and break as a moderator would.

const SECOND_ARTICLE = path.resolve('test/fixtures/two-articles/harbour-reopens.md');

let h: Harness;
let knowledgeDir: string;

harnessOnScratchKnowledge(
  (harness, dir) => {
    h = harness;
    knowledgeDir = dir;
  },
  {
    env: (world) => ({ MOD_ROLE_IDS: world.moderatorRoleId }),
  },
);

function embedOf(outcome: InteractionOutcome): {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  author?: { name: string; url?: string };
} {
  return outcome.message?.embeds[0] ?? {};
}

describe('/reload permissions', E2E, () => {
  test('is refused, ephemerally, for a member without Manage Server or a moderator role', async () => {
    const before = h.library.current;
    const member = guildMember({ permissions: MEMBER_PERMISSIONS, roles: [] });
    const result = await within(h.command('reload', {}, member).outcome, 10_000, '/reload');
    expect(result.ackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(result.message?.flags).toBe(MessageFlags.Ephemeral);
    expect(result.message?.content).toContain('Only moderators');
    expect(h.library.current).toBe(before);
    expect(h.logs.find('command refused')[0]).toMatchObject({
      user: member.user.id,
      command: 'reload',
      reason: expect.stringContaining('Only moderators') as string,
    });
    expect(h.logs.find('reload requested')).toEqual([]);
  });

  test('is done for a member with Manage Server, who is told what changed; the log says who ran it', async () => {
    await copyFile(SECOND_ARTICLE, path.join(knowledgeDir, 'harbour-reopens.md'));
    const member = moderator();
    const { interaction, outcome } = h.command('reload', {}, member);
    const result = await within(outcome, 30_000, '/reload');

    expect(h.emulator.requestsFor(interaction)[0]?.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    expect(result.message?.ephemeral).toBe(true);
    const embed = embedOf(result);
    expect(embed.title).toBe('Knowledge base reloaded');
    expect(embed.description).toContain('**Added:** `harbour-reopens`');
    expect(embed.description).toMatch(/\*\*Re-embedded:\*\* \d+ texts?/);
    expect(embed.description).toContain('Now answering from 2 articles');
    expect(h.logs.find('reload requested')[0]).toMatchObject({
      moderator: member.user.id,
      username: 'mod_alice',
    });
    expect(h.library.current.stats.articles).toBe(2);
  });

  test('answers from the new article at once, with its source link', async () => {
    const { interaction, outcome } = h.command('ask', { question: 'How much did the harbour repairs cost?' });
    const result = await within(outcome, 15_000, '/ask');
    const embed = embedOf(result);
    expect(embed.description).toContain('£2 million');
    expect(embed.author).toEqual({
      name: 'Harbour reopens after winter storm',
      url: 'https://example.com/harbour-reopens',
    });
    const body = h.emulator.requestsFor(interaction).at(-1)?.body as {
      components: { components: unknown[] }[];
    };
    expect(body.components[0]!.components).toContainEqual({
      type: 2,
      style: 5,
      label: 'Read the article',
      url: 'https://example.com/harbour-reopens',
    });
  });

  test('is done for a member holding a role listed in MOD_ROLE_IDS', async () => {
    const member = guildMember({
      permissions: MEMBER_PERMISSIONS,
      roles: [h.emulator.world.moderatorRoleId],
    });
    const result = await within(h.command('reload', {}, member).outcome, 30_000, '/reload');
    expect(embedOf(result).title).toBe('Knowledge base reloaded');
    expect(embedOf(result).description).toContain('No article was added, removed or changed.');
  });
});

describe('/reload while people are asking', E2E, () => {
  test('during a burst of 50 concurrent /ask, every question is acknowledged in time and answered', async () => {
    // A real change, so the reload has paragraphs to re-embed while the questions come in.
    const seed = path.join(knowledgeDir, 'trump-kim-honoured.md');
    await appendFile(seed, '\nThe White House declined to say when talks might begin.\n');
    const requestsBefore = h.emulator.requests.length;

    const reload = h.command('reload', {}, moderator());
    const asks = Array.from({ length: 50 }, (_, i) =>
      h.command(
        'ask',
        { question: i % 2 ? 'What did Spicer say?' : 'What did Tillerson call for?' },
        guildMember(),
      ),
    );
    const results = await within(Promise.all(asks.map((a) => a.outcome)), 60_000, '50 questions');
    const reloaded = await within(reload.outcome, 60_000, '/reload');

    for (const result of results) {
      expect(result.ackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      expect(result.ackDelayMs).toBeLessThan(3000);
      expect(result.message?.ephemeral).toBe(false);
      expect(embedOf(result).description).toBeTruthy();
    }
    expect(embedOf(reloaded).description).toContain('**Changed:** `trump-kim-honoured`');
    // None failed: Discord refused nothing (no late ack, no double ack, no invalid body).
    const refused = h.emulator.requests.slice(requestsBefore).filter((r) => r.status >= 400);
    expect(refused).toEqual([]);
    // And they really overlapped: questions were acknowledged while the rebuild was still running.
    const reloadDone = h.emulator
      .requestsFor(reload.interaction)
      .find((r) => r.method === 'PATCH')!.receivedAt;
    expect(
      results.filter((r, i) => asks[i]!.interaction.dispatchedAt + r.ackDelayMs < reloadDone).length,
    ).toBeGreaterThan(0);
  });

  test('a /reload sent during another, after an edit, gets a rebuild of its own that serves the edit', async () => {
    const rebuildsBefore = h.logs.find('knowledge index reloaded').length;
    const file = path.join(knowledgeDir, 'harbour-reopens.md');
    const original = readFileSync(file, 'utf8');
    const first = h.command('reload', {}, moderator()).outcome;
    // A moderator saves an edit while a colleague's reload runs, then reloads.
    writeFileSync(file, original.replace('about £2 million', 'about £7 million'));
    const second = h.command('reload', {}, moderator()).outcome;
    const [, edited] = await within(Promise.all([first, second]), 30_000, 'two reloads');
    expect(embedOf(edited).title).toBe('Knowledge base reloaded');
    expect(h.logs.find('knowledge index reloaded').length).toBe(rebuildsBefore + 2);
    const answer = await within(
      h.command('ask', { question: 'How much did the harbour repairs cost?' }).outcome,
      15_000,
      '/ask after the reloads',
    );
    expect(embedOf(answer).description).toContain('£7 million');
    writeFileSync(file, original);
    await h.library.reload();
  });
});

describe('/reload with a broken file', E2E, () => {
  test('keeps answering from the old index and tells the moderator which file failed and why', async () => {
    const before = h.library.current;
    const broken = path.join(knowledgeDir, 'broken.md');
    await writeFile(broken, 'This file has no front matter at all.\n');
    try {
      const result = await within(h.command('reload', {}, moderator()).outcome, 30_000, '/reload');
      expect(result.message?.ephemeral).toBe(true);
      const embed = embedOf(result);
      expect(embed.title).toBe('Reload failed: still answering from the previous knowledge base');
      expect(embed.description).toMatch(/^• broken\.md: .+/);
      expect(h.library.current).toBe(before);
      expect(h.logs.find('reload failed; previous index kept')[0]).toMatchObject({
        problems: [expect.objectContaining({ file: 'broken.md' })],
      });

      const answer = await within(
        h.command('ask', { question: 'What did Spicer say?' }).outcome,
        15_000,
        '/ask',
      );
      expect(embedOf(answer).description).toContain('conditions are not there right now');
    } finally {
      await rm(broken, { force: true });
    }
    expect(await readFile(path.join(knowledgeDir, 'trump-kim-honoured.md'), 'utf8')).toContain(
      'talks might begin',
    );
  });
});
