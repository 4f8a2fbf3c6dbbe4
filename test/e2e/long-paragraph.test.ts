import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InteractionResponseType } from 'discord.js';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { EmulatedInteraction } from './discord-emulator.js';
import { E2E, within, type Harness, harnessOnScratchKnowledge } from './harness.js';
import { chatInputInteraction, guildMember, moderator, stringOption } from './payloads.js';

// A moderator adds an article whose one paragraph is 100,000 characters long and reloads while members
// keep asking. Reading that paragraph in one go (embedding it padded to its length, tagging it whole) held
// the event loop for over 10 s, and every /ask meanwhile missed Discord's 3-second window.

const FIRST = ['Maria', 'John', 'Aisha', 'Peter', 'Linda', 'Tomas', 'Grace', 'Henry', 'Sofia', 'Omar'];
const LAST = ['Okafor', 'Lindqvist', 'Brennan', 'Castillo', 'Whitfield', 'Nakamura', 'Dubois', 'Haddad'];
const NOUNS = ['sea wall', 'budget', 'ferry service', 'library', 'bridge', 'school', 'hospital wing'];
const PLACES = ['Brackenford', 'Eastwick', 'Port Alder', 'Lower Marsh'];

/** A council session minuted as one paragraph of at least `chars` characters: names, roles, quotes. */
function longSessionArticle(chars: number): string {
  const sentences: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const who = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    const noun = NOUNS[i % NOUNS.length];
    const place = PLACES[(i * 3) % PLACES.length];
    const sentence = [
      `“We will repair the ${noun} by spring,” said ${who}, the councillor for ${place}.`,
      `${who} said the ${noun} in ${place} would cost £${(i % 90) + 1} million.`,
      `Residents of ${place} asked why the ${noun} had been left to decay for ${(i % 20) + 2} years.`,
      `According to ${who}, the plan for the ${noun} “is not negotiable”.`,
    ][i % 4]!;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return [
    '---',
    'title: The long council session',
    'source: Test Gazette',
    'date: 2024-03-04',
    '---',
    '',
    'The council met on Monday.',
    '',
    sentences.join(' '),
    '',
    'The session ended at midnight.',
    '',
  ].join('\n');
}

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

beforeAll(async () => {
  // As `npm start` does once connected: the tagger is loaded before the first /reload needs it.
  await h.library.prepareForReloads();
});

/**
 * Sends `/ask` every `everyMs` until `until` settles (at most `max`). Discord sends on its own clock, so a
 * question due while the bot's event loop was blocked reaches the bot already that late: its
 * acknowledgement clock starts when it was due, not when the blocked loop got round to sending it.
 */
async function askBurst(
  until: Promise<unknown>,
  everyMs: number,
  max: number,
): Promise<EmulatedInteraction[]> {
  let done = false;
  void until.finally(() => (done = true));
  const asks: EmulatedInteraction[] = [];
  const start = Date.now();
  for (let i = 0; i < max && !done; i++) {
    const due = start + i * everyMs;
    await sleep(Math.max(0, due - Date.now()));
    const payload = chatInputInteraction(h.emulator.world, {
      commandId: h.emulator.commandId('ask'),
      name: 'ask',
      options: [stringOption('question', i % 2 ? 'What did Spicer say?' : 'What did Tillerson call for?')],
      member: guildMember(),
    });
    asks.push(h.emulator.dispatchInteraction(payload, { ageMs: Math.max(0, Date.now() - due) }));
  }
  return asks;
}

describe('/reload of an article with a 100,000-character paragraph', E2E, () => {
  test('every /ask sent during the reload is acknowledged within 3 seconds, and the article is loaded', async () => {
    const article = longSessionArticle(100_000);
    expect(article.split('\n\n')[2]!.length).toBeGreaterThanOrEqual(100_000);
    await writeFile(path.join(knowledgeDir, 'long-session.md'), article);

    const reload = h.command('reload', {}, moderator());
    const asks = await askBurst(reload.outcome, 200, 150);
    const reloaded = await within(reload.outcome, 120_000, '/reload');

    // Wait until each question is acknowledged or certainly too late for Discord.
    await vi.waitFor(
      () => expect(asks.every((a) => a.ack || Date.now() - a.dispatchedAt > 4_000)).toBe(true),
      { timeout: 30_000, interval: 100 },
    );
    const late = asks
      .map((a) => (a.ack ? a.ack.at - a.dispatchedAt : Infinity))
      .filter((delay) => delay >= 3_000);
    expect(late).toEqual([]);
    for (const ask of asks)
      expect(ask.ack?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const answered = await within(Promise.all(asks.map((a) => a.outcome)), 60_000, 'the questions');
    for (const result of answered) expect(result.message?.embeds[0]?.description).toBeTruthy();

    // The questions really overlapped the rebuild.
    expect(asks.length).toBeGreaterThan(3);
    const description = (reloaded.message?.embeds[0] as { description?: string } | undefined)?.description;
    expect(description).toContain('**Added:** `long-session`');
    expect(h.library.current.stats.articles).toBe(2);

    // And the long paragraph was read for quotes like any other.
    const quoted = await within(h.command('quote', { speaker: 'Maria Okafor' }).outcome, 15_000, '/quote');
    expect(JSON.stringify(quoted.message?.embeds ?? [])).toContain('We will repair the sea wall by spring');
  });
});
