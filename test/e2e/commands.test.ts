import { InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatQuotes, formatSpeakerChoices } from '../../src/bot/quote-card.js';
import type { RecordedRequest } from './discord-emulator.js';
import { startHarness, TEST_TOKEN, within, type Harness, E2E } from './harness.js';

// The real bot (createBot, the command modules, the library over the seed article, the embedding model)
// driven through the emulated Discord by real gateway payloads; assertions are on what reached Discord.

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const isCallback = (r: RecordedRequest) => r.path.endsWith('/callback');
const isEditOriginal = (r: RecordedRequest) => r.method === 'PATCH' && r.path.endsWith('/messages/@original');

describe('start-up', E2E, () => {
  test('logs in through GET /gateway/bot and IDENTIFY, and logs ready with the index counts', () => {
    const gatewayBot = h.emulator.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
    const identify = h.emulator.gatewayFrames.find((f) => f.direction === 'received' && f.op === 2);
    expect(identify?.d).toMatchObject({ token: TEST_TOKEN, intents: 1 });
    expect(h.bot.isReady()).toBe(true);

    const [ready] = h.logs.find('bot ready');
    expect(ready).toMatchObject({
      guilds: 1,
      commands: ['article', 'Ask the articles', 'ask', 'help', 'quote', 'reload', 'sources'],
      index: { articles: 1, paragraphs: 14 },
    });
  });

  test('never writes the bot token to the log', () => {
    expect(h.logs.raw.join('\n')).not.toContain(TEST_TOKEN);
  });
});

describe('/ask', E2E, () => {
  test('defers inside the deadline, then edits the reply to a card quoting ¶14 under its article title', async () => {
    const { interaction, outcome } = h.command('ask', { question: 'What did Spicer say?' });
    const result = await within(outcome, 15_000, '/ask');

    const [ack, edit, ...rest] = h.emulator.requestsFor(interaction);
    expect(rest).toEqual([]);
    expect(ack?.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: 0 },
    });
    // Callbacks are authorised by the interaction token alone; the bot token must not travel with them.
    expect(ack?.headers.authorization).toBeUndefined();
    expect(result.ackDelayMs).toBeLessThan(3000);
    expect(edit && isEditOriginal(edit)).toBe(true);
    expect(edit?.rawPath).toContain('/messages/%40original');

    const embed = result.message?.embeds[0] as {
      title: string;
      description: string;
      author: { name: string };
      fields?: unknown[];
      footer?: unknown;
    };
    expect(result.message?.ephemeral).toBe(false);
    expect(embed.title).toBe('What did Spicer say?');
    expect(embed.author.name).toBe('Trump says he would be ‘honoured’ to meet North Korean leader');
    expect(embed.description).toContain('conditions are not there right now');
    expect(embed.description).toContain('\u00a0¶14');
    // No internal ids anywhere a member reads them.
    expect(JSON.stringify(result.message?.embeds)).not.toContain('trump-kim-honoured');
    expect(embed.fields ?? []).toEqual([]);
    expect(embed.footer).toBeUndefined();
  });

  test('declines publicly a question the article does not answer, saying what it covers', async () => {
    const { outcome } = h.command('ask', { question: 'What is the recipe for banana bread?' });
    const result = await within(outcome, 15_000, '/ask');
    const embed = result.message?.embeds[0] as { description: string };
    expect(result.message?.ephemeral).toBe(false);
    expect(embed.description).toContain('Trump says he would be ‘honoured’ to meet North Korean leader');
    expect(embed.description).toMatch(/doesn't say/);
  });

  test('pings nobody when the question contains @everyone and a role mention', async () => {
    const question = `@everyone <@&${h.emulator.world.moderatorRoleId}> what did Spicer say?`;
    const { interaction, outcome } = h.command('ask', { question });
    const result = await within(outcome, 15_000, '/ask');
    expect(result.message?.allowedMentions).toEqual({ parse: [] });
    for (const request of h.emulator.requestsFor(interaction).filter((r) => !isCallback(r))) {
      expect(request.body).toMatchObject({ allowed_mentions: { parse: [] } });
    }
  });

  test('reads a question past the mentions and custom emoji in it', async () => {
    const question = `<@${h.emulator.world.moderatorRoleId}> what did Spicer say? <:pepe:123456789012345678>`;
    const result = await within(h.command('ask', { question }).outcome, 15_000, '/ask');
    const embed = result.message?.embeds[0] as { title: string; description: string };
    expect(embed.title).toBe('what did Spicer say?');
    expect(embed.description).toContain('conditions are not there right now');
  });

  test('refuses an empty question privately from the start: no public "thinking…" first', async () => {
    const { interaction, outcome } = h.command('ask', { question: '   ' });
    const result = await within(outcome, 15_000, '/ask');
    expect(result.ackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(result.message?.ephemeral).toBe(true);
    expect(result.message?.content).toContain('Please type a question');
    expect(h.emulator.requestsFor(interaction).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 204']);
  });

  test('answers only the asker when asked with private: True', async () => {
    const { interaction, outcome } = h.command('ask', { question: 'What did Spicer say?', private: true });
    const result = await within(outcome, 15_000, '/ask');
    expect(h.emulator.requestsFor(interaction)[0]?.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    expect(result.message?.ephemeral).toBe(true);
    expect((result.message?.embeds[0] as { description: string }).description).toContain('¶14');
  });
});

describe('/quote', E2E, () => {
  test('replies at once with a compact list of the speaker’s quotes, each with its ¶, and a context button', async () => {
    const { interaction, outcome } = h.command('quote', { speaker: 'Sean Spicer' });
    const result = await within(outcome, 15_000, '/quote');
    expect(h.emulator.requestsFor(interaction).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 204']);
    expect(result.message?.ephemeral).toBe(false);
    expect(result.message?.allowedMentions).toEqual({ parse: [] });
    const embed = result.message?.embeds[0] as {
      title: string;
      description: string;
      author: { name: string };
    };
    expect(embed.title).toBe('What Sean Spicer said');
    expect(embed.author.name).toBe('Trump says he would be ‘honoured’ to meet North Korean leader');
    expect(embed.description).toContain('“conditions are not there right now”\u00a0¶14');
    const index = h.library.current;
    expect(result.message?.embeds).toEqual(formatQuotes(index.quote('Sean Spicer'), index.articles).embeds);

    const [row] = result.message!.components as { components: { custom_id?: string; label?: string }[] }[];
    const context = row!.components.find((b) => b.label === 'Show context')!;
    const shown = await within(h.click(result.message!, context.custom_id!).outcome, 15_000, 'Show context');
    expect(shown.message?.ephemeral).toBe(true);
    expect(JSON.stringify(shown.message?.embeds)).toContain('**conditions are not there right now**');
  });

  test('says where someone is mentioned when the articles never quote them', async () => {
    const result = await within(h.command('quote', { speaker: 'Barack Obama' }).outcome, 15_000, '/quote');
    expect((result.message?.embeds[0] as { description: string }).description).toMatch(
      /^The articles never quote Barack Obama directly\. They are mentioned in ¶3 of “Trump says/,
    );
  });

  test('says so, and suggests, for a name nobody in the articles has, to the asker only', async () => {
    const { outcome } = h.command('quote', { speaker: 'Zebulon Quixote' });
    const result = await within(outcome, 15_000, '/quote');
    expect(result.message?.ephemeral).toBe(true);
    expect(result.message?.embeds[0]).toMatchObject({ title: 'No one called “Zebulon Quixote”' });
  });

  test('autocomplete answers with the known speakers for what was typed, at most 25', async () => {
    const result = await within(h.autocomplete('quote', 'speaker', 'S'), 5_000, 'autocomplete');
    expect(result.ackType).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(result.ackDelayMs).toBeLessThan(3000);
    expect(result.choices).toEqual(formatSpeakerChoices(h.library.current.suggestSpeakers('S', 25)));
    expect(result.choices).toContainEqual({ name: 'Sean Spicer (1 quote)', value: 'Sean Spicer' });
    expect(result.choices!.length).toBeLessThanOrEqual(25);
  });
});

describe('/sources', E2E, () => {
  test('lists the loaded articles at once, publicly', async () => {
    const { interaction, outcome } = h.command('sources');
    const result = await within(outcome, 5_000, '/sources');
    expect(h.emulator.requestsFor(interaction)).toHaveLength(1);
    expect(result.ackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(result.message?.ephemeral).toBe(false);
    expect(result.message?.embeds[0]).toMatchObject({
      title: 'What I can answer from',
      description:
        '• **Trump says he would be ‘honoured’ to meet North Korean leader** (FT Select (via FT), Thursday, November 14, 14 ¶)',
    });
  });
});

describe('/help', E2E, () => {
  test('explains every command in one short embed, to the member alone', async () => {
    const result = await within(h.command('help').outcome, 5_000, '/help');
    expect(result.message?.ephemeral).toBe(true);
    const embed = result.message?.embeds[0] as { description: string };
    for (const command of ['/ask', '/quote', '/sources', 'Ask the articles', '/article'])
      expect(embed.description).toContain(command);
    expect(embed.description.length).toBeLessThan(1000);
  });
});

describe('errors', E2E, () => {
  test('a command the bot does not serve gets an ephemeral notice, not silence', async () => {
    const { outcome } = h.command('horoscope');
    const result = await within(outcome, 5_000, '/horoscope');
    expect(result.ackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(result.message?.flags).toBe(MessageFlags.Ephemeral);
    expect(result.message?.content).toContain('not available');
  });
});
