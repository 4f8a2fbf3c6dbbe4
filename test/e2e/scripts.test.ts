import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ApplicationCommandOptionType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { describe, expect, test } from 'vitest';
import { botEnv, emulatedDiscordForProcesses } from './bot-processes.js';
import type { EmulatedInteraction } from './discord-emulator.js';
import { chatInputInteraction, stringOption } from './payloads.js';
import { MAX_QUESTION_LENGTH } from '../../src/answer/question.js';
import { KNOWLEDGE_DIR, TEST_TOKEN, within, E2E } from './harness.js';

// `npm run deploy-commands` and `npm start` as a user runs them: separate processes, configured only
// through the environment, pointed at the emulated Discord.

const discord = emulatedDiscordForProcesses();
const { children } = discord;

/**
 * Runs an npm script exactly as the README says (`npm start`), in a process group of its own so a test
 * can signal the group as Ctrl-C or systemd do. `--silent` keeps npm's own lines out of the JSON log.
 * Resolves with the exit code and standard error (the JSON log).
 */
function run(
  script: 'start' | 'deploy-commands',
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn('npm', ['run', '--silent', script], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }));
  return { child, done };
}

/** "What did Spicer say?" from an ordinary member, as the gateway delivers it. */
function ask(): EmulatedInteraction {
  return discord.emulator.dispatchInteraction(
    chatInputInteraction(discord.emulator.world, {
      commandId: discord.emulator.commandId('ask'),
      name: 'ask',
      options: [stringOption('question', 'What did Spicer say?')],
    }),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('npm run deploy-commands', E2E, () => {
  test('registers every command in the guild with one bulk overwrite', async () => {
    const before = discord.emulator.requests.length;
    const { code, stderr } = await within(
      run('deploy-commands', botEnv(discord.emulator, { DISCORD_GUILD_ID: discord.emulator.world.guildId }))
        .done,
      60_000,
      'deploy-commands',
    );
    expect(code, stderr).toBe(0);

    const requests = discord.emulator.requests.slice(before);
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PUT /applications/${discord.emulator.world.applicationId}/guilds/${discord.emulator.world.guildId}/commands 200`,
    ]);
    expect(requests[0]!.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);

    const body = requests[0]!.body as RESTPostAPIChatInputApplicationCommandsJSONBody[];
    const byName = new Map(body.map((c) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual([
      'Ask the articles',
      'article',
      'ask',
      'help',
      'quote',
      'reload',
      'sources',
    ]);
    expect(byName.get('ask')).toMatchObject({
      options: [
        {
          name: 'question',
          type: ApplicationCommandOptionType.String,
          required: true,
          max_length: MAX_QUESTION_LENGTH,
        },
        { name: 'private', type: ApplicationCommandOptionType.Boolean, required: false },
      ],
    });
    expect(byName.get('quote')).toMatchObject({
      options: [
        { name: 'speaker', type: ApplicationCommandOptionType.String, required: true, autocomplete: true },
        { name: 'private', type: ApplicationCommandOptionType.Boolean, required: false },
      ],
    });
    expect(byName.get('reload')).toMatchObject({
      default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
      contexts: [InteractionContextType.Guild],
    });
    // Menu commands have no description at all.
    for (const command of body) expect((command.description ?? '').length).toBeLessThanOrEqual(100);
    expect(stderr).not.toContain(TEST_TOKEN);
  });

  test('registers globally when no guild is set', async () => {
    const before = discord.emulator.requests.length;
    const { code, stderr } = await within(
      run('deploy-commands', botEnv(discord.emulator)).done,
      60_000,
      'deploy-commands',
    );
    expect(code, stderr).toBe(0);
    expect(discord.emulator.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /applications/${discord.emulator.world.applicationId}/commands`,
    ]);
    expect(
      discord.emulator.registeredCommands
        .get('global')
        ?.map((c) => c.name)
        .sort(),
    ).toEqual(['Ask the articles', 'article', 'ask', 'help', 'quote', 'reload', 'sources']);
  });
});

describe('npm start', E2E, () => {
  test('logs in after loading the index, serves /ask, reports health, and stops cleanly on SIGTERM to its process group', async () => {
    const healthPort = await freePort();
    const { child, done } = run('start', botEnv(discord.emulator, { HEALTH_PORT: String(healthPort) }));

    await within(
      discord.emulator.waitForFrame((f) => f.t === 'GUILD_CREATE', 60_000),
      60_000,
      'gateway session',
    );
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status, { timeout: 10_000 })
      .toBe(200);

    const interaction = ask();
    const outcome = await within(interaction.outcome, 15_000, '/ask');
    expect(outcome.ackDelayMs).toBeLessThan(3000);
    expect(JSON.stringify(outcome.message?.embeds)).toContain('conditions are not there right now');

    // As Ctrl-C in a terminal or systemd do: the whole group (npm and the bot) gets the signal, and npm
    // passes it on too. Both arrive at once; the bot stops once, cleanly.
    process.kill(-child.pid!, 'SIGTERM');
    const { code, stderr } = await within(done, 15_000, 'shutdown');
    expect(code, stderr).toBe(0);
    const messages = stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain('knowledge index loaded');
    const stopping = messages.indexOf('shutting down: finishing the answers in flight');
    expect(stopping).toBeGreaterThan(-1);
    expect(messages.slice(stopping)).toEqual(['shutting down: finishing the answers in flight', 'stopped']);
    expect(stderr).not.toContain(TEST_TOKEN);
  });

  test('on SIGTERM answers all 30 questions in flight, tells newcomers it is restarting, and exits 0', async () => {
    const healthPort = await freePort();
    const { child, done } = run('start', botEnv(discord.emulator, { HEALTH_PORT: String(healthPort) }));
    await expect
      .poll(
        async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz`).catch(() => undefined))?.status,
        {
          timeout: 60_000,
          interval: 250,
        },
      )
      .toBe(200);
    // Discord holds every answer back for 2 s (a 429 on its edit), so all 30 are in flight at the signal.
    for (let i = 0; i < 30; i++) discord.emulator.rateLimitNext('PATCH', /\/messages\/@original$/, 2);
    const inFlight = Array.from({ length: 30 }, ask);
    await expect
      .poll(() => discord.emulator.requests.filter((r) => r.method === 'PATCH' && r.status === 429).length, {
        timeout: 30_000,
      })
      .toBe(30);

    // npm passes the signal to the bot (the script execs node, so there is no shell in between).
    child.kill('SIGTERM');
    await expect
      .poll(
        async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz`).catch(() => undefined))?.status,
      )
      .not.toBe(200);
    const late = await within(ask().outcome, 15_000, 'a question during shutdown');
    expect(late.message?.ephemeral).toBe(true);
    expect(late.message?.content).toMatch(/restarting/);

    const outcomes = await within(Promise.all(inFlight.map((i) => i.outcome)), 30_000, 'the 30 answers');
    for (const outcome of outcomes)
      expect(JSON.stringify(outcome.message?.embeds)).toContain('conditions are not there right now');
    const { code, stderr } = await within(done, 30_000, 'shutdown');
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('"inFlight":30');
  });

  test('on a first start it is online at once, says it is still indexing, and answers once it has indexed', async () => {
    // A cold cache (the model built, every text embedded, every article tagged) over 60 articles: a first
    // start that takes seconds, longer than logging in.
    const folder = await mkdtemp(path.join(tmpdir(), 'first-start-'));
    try {
      const seed = await readFile(path.join(KNOWLEDGE_DIR, 'trump-kim-honoured.md'), 'utf8');
      await mkdir(path.join(folder, 'knowledge'));
      for (let i = 0; i < 60; i++)
        await writeFile(path.join(folder, 'knowledge', `copy-${i}.md`), seed.replace(/^slug:.*$/m, ''));
      const healthPort = await freePort();
      const env = botEnv(discord.emulator, {
        KNOWLEDGE_DIR: path.join(folder, 'knowledge'),
        MODEL_CACHE_DIR: path.join(folder, 'cache'),
        HEALTH_PORT: String(healthPort),
      });
      const sessions = discord.emulator.sessions.length;
      const { child, done } = run('start', env);
      const health = async () => {
        const response = await fetch(`http://127.0.0.1:${healthPort}/healthz`).catch(() => undefined);
        return response ? `${response.status} ${(await response.text()).trim()}` : 'down';
      };
      await expect.poll(health, { timeout: 30_000, interval: 100 }).toBe('503 starting');
      await expect
        .poll(() => discord.emulator.sessions.length, { timeout: 30_000, interval: 50 })
        .toBeGreaterThan(sessions);
      const early = await within(ask().outcome, 15_000, '/ask while indexing');
      expect(early.message?.ephemeral).toBe(true);
      expect(early.message?.content).toMatch(/still reading the articles/);

      await expect.poll(health, { timeout: 120_000, interval: 250 }).toBe('200 ok');
      const later = await within(ask().outcome, 15_000, '/ask once indexed');
      expect(JSON.stringify(later.message?.embeds)).toContain('conditions are not there right now');
      child.kill('SIGTERM');
      expect((await within(done, 15_000, 'shutdown')).code).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('without a token exits with 1 and a message naming the variable and the CLI', async () => {
    const { code, stderr } = await within(
      run('start', botEnv(discord.emulator, { DISCORD_TOKEN: '' })).done,
      60_000,
      'start',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('DISCORD_TOKEN');
    expect(stderr).toContain('npm run ask');
  });
});
