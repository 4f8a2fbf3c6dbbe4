import { GatewayOpcodes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHealthServer } from '../../src/bot/health.js';
import { autocompleteInteraction, chatInputInteraction, guildMember, stringOption } from './payloads.js';
import { startHarness, TEST_TOKEN, within, type Harness, E2E } from './harness.js';

// What goes wrong between the bot and Discord in production: dropped gateway connections, rate limits,
// interactions that arrive too late to acknowledge, and people pressing enter twice.

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: () => ({ ASK_COOLDOWN_SECONDS: '30' }) });
});

afterAll(async () => {
  await h?.close();
});

describe('gateway', E2E, () => {
  test('after a close with 4000 the client resumes its session, and a command still works', async () => {
    const ready = h.emulator.gatewayFrames.find((f) => f.t === 'READY');
    const sessionId = (ready?.d as { session_id: string }).session_id;
    const identifies = () =>
      h.emulator.gatewayFrames.filter((f) => f.direction === 'received' && f.op === GatewayOpcodes.Identify);
    expect(identifies()).toHaveLength(1);

    h.emulator.closeGateway(4000, 'Unknown error');
    const resume = await h.emulator.waitForFrame(
      (f) => f.direction === 'received' && f.op === GatewayOpcodes.Resume,
    );
    expect(resume.d).toMatchObject({ token: TEST_TOKEN, session_id: sessionId });
    expect((resume.d as { seq: number }).seq).toBeGreaterThanOrEqual(2);
    await h.emulator.waitForFrame((f) => f.direction === 'sent' && f.t === 'RESUMED');
    expect(identifies()).toHaveLength(1);
    await expect.poll(() => h.logs.find('gateway session resumed')).toHaveLength(1);

    const { outcome } = h.command('ask', { question: 'What did Spicer say?' }, guildMember());
    const result = await within(outcome, 15_000, '/ask after resume');
    expect(result.ackDelayMs).toBeLessThan(3000);
    expect(JSON.stringify(result.message?.embeds)).toContain('conditions are not there right now');
  });
});

describe('health', E2E, () => {
  test('/healthz answers 503 while the gateway is down, and 200 again once the session resumes', async () => {
    const health = await startHealthServer({ port: 0, isHealthy: () => h.bot.isReady(), logger: h.logger });
    const status = async () => (await fetch(`http://127.0.0.1:${health.port}/healthz`)).status;
    try {
      expect(await status()).toBe(200);
      // An outage: the connection drops and every reconnection is refused until it ends.
      h.emulator.gatewayDown(true);
      await expect.poll(status, { timeout: 10_000 }).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await status()).toBe(503);
      h.emulator.gatewayDown(false);
      await expect.poll(status, { timeout: 30_000, interval: 200 }).toBe(200);
    } finally {
      h.emulator.gatewayDown(false);
      await health.close();
    }
  });
});

describe('REST', E2E, () => {
  test('a 429 on an interaction callback is logged with its route and Retry-After', async () => {
    h.emulator.rateLimitNext('POST', /\/callback$/, 1);
    const { outcome } = h.command('sources', {}, guildMember());
    await within(outcome, 15_000, '/sources through a 429');
    const logged = h.logs
      .find('rate limited by Discord')
      .find((line) => String(line.route).includes('callback'));
    expect(logged).toMatchObject({ method: 'POST', retryAfterSeconds: 1 });
    expect(JSON.stringify(logged)).not.toMatch(/interactions\/\d+\/aW50/);
  });

  test('an autocomplete that expired before it was answered is logged at debug, not as an error', async () => {
    const errorsBefore = h.logs.lines.filter((l) => l.level === 50).length;
    const { outcome } = h.dispatch(
      autocompleteInteraction(h.emulator.world, {
        commandId: h.emulator.commandId('quote'),
        name: 'quote',
        option: 'speaker',
        typed: 'Sp',
      }),
      { ageMs: 5_000 },
    );
    void outcome;
    await expect.poll(() => h.logs.find('autocomplete expired before it was answered')).toHaveLength(1);
    expect(h.logs.find('autocomplete expired before it was answered')[0]).toMatchObject({ level: 20 });
    expect(h.logs.lines.filter((l) => l.level === 50).length).toBe(errorsBefore);
  });

  test('a 429 with Retry-After on the reply is waited out and the edit retried', async () => {
    h.emulator.rateLimitNext('PATCH', /\/messages\/@original$/, 1);
    const { interaction, outcome } = h.command('ask', { question: 'What did Spicer say?' }, guildMember());
    const result = await within(outcome, 15_000, '/ask through a 429');

    const edits = h.emulator.requestsFor(interaction).filter((r) => r.method === 'PATCH');
    expect(edits.map((r) => r.status)).toEqual([429, 200]);
    expect(edits[1]!.receivedAt - edits[0]!.receivedAt).toBeGreaterThanOrEqual(990);
    expect(edits[1]!.body).toEqual(edits[0]!.body);
    expect(JSON.stringify(result.message?.embeds)).toContain('conditions are not there right now');
    expect(h.logs.find('rate limited by Discord').length).toBeGreaterThanOrEqual(1);
  });
});

describe('acknowledgement', E2E, () => {
  test('an interaction that arrives after the 3-second window is logged, and the bot carries on', async () => {
    const member = guildMember();
    const late = h.emulator.dispatchInteraction(
      chatInputInteraction(h.emulator.world, {
        commandId: h.emulator.commandId('ask'),
        name: 'ask',
        options: [stringOption('question', 'What did Spicer say?')],
        member,
      }),
      { ageMs: 3500 },
    );
    const refused = await h.emulator.waitForRequest((r) => r.path.includes(late.id) && r.status === 404);
    expect(refused.response).toMatchObject({ code: 10062 });
    await expect
      .poll(() => h.logs.find('interaction expired before the bot acknowledged it'))
      .toHaveLength(1);
    expect(h.logs.find('interaction expired before the bot acknowledged it')[0]).toMatchObject({
      interaction: late.id,
    });
    // Nothing more is tried: no reply can reach the user once the token is dead.
    expect(h.emulator.requestsFor(late)).toHaveLength(1);
    expect(
      h.emulator.requests.filter((r) => r.status === 400 && (r.response as { code?: number }).code === 40060),
    ).toEqual([]);

    const { outcome } = h.command('ask', { question: 'What did Spicer say?' }, guildMember());
    expect((await within(outcome, 15_000, '/ask after a late one')).message?.embeds).toHaveLength(1);
  });

  test('a second /ask inside the cooldown is refused ephemerally without deferring', async () => {
    const member = guildMember();
    await within(
      h.command('ask', { question: 'What did Spicer say?' }, member).outcome,
      15_000,
      'first /ask',
    );
    const { interaction, outcome } = h.command('ask', { question: 'And Tillerson?' }, member);
    const result = await within(outcome, 5_000, 'second /ask');
    expect(result.message?.ephemeral).toBe(true);
    expect(result.message?.content).toMatch(/You can ask again <t:\d+:R>\./);
    expect(h.emulator.requestsFor(interaction)).toHaveLength(1);
    // Someone else is not held up by it.
    const other = await within(
      h.command('ask', { question: 'And Tillerson?' }, guildMember()).outcome,
      15_000,
      'other /ask',
    );
    expect(other.message?.ephemeral).toBe(false);
  });
});

describe('an engine failure', E2E, () => {
  let broken: Harness;

  beforeAll(async () => {
    broken = await startHarness({
      wrapLibrary: (library) => ({
        reload: () => library.reload(),
        get current() {
          const index = library.current;
          return Object.assign(Object.create(index) as typeof index, {
            ask: () => Promise.reject(new TypeError('vector length mismatch')),
          });
        },
      }),
    });
  });

  afterAll(async () => {
    await broken?.close();
  });

  test('is logged with its stack, and the asker alone gets a short apology', async () => {
    const { interaction, outcome } = broken.command('ask', { question: 'What did Spicer say?' });
    const result = await within(outcome, 15_000, '/ask');
    expect(result.message?.ephemeral).toBe(true);
    expect(result.message?.content).toMatch(/^Sorry, something went wrong on my side/);
    expect(result.message?.content).not.toContain('vector length mismatch');

    const [logged] = broken.logs.find('command failed');
    expect(logged).toMatchObject({ interaction: interaction.id, command: 'ask', level: 50 });
    expect((logged!.err as { stack: string }).stack).toContain('TypeError: vector length mismatch');
  });
});
