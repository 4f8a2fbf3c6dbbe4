import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { beforeAll, describe, expect, test } from 'vitest';
import { botEnv, emulatedDiscordForProcesses } from './bot-processes.js';
import type { EmulatedInteraction } from './discord-emulator.js';
import { TEST_TOKEN, within, E2E } from './harness.js';
import { chatInputInteraction, stringOption } from './payloads.js';

// The bot as `npm start` runs it (compiled: dist/src/bot/main.js in its own process, with the production
// logger), for what only the whole process shows: what reaches its log, and how it survives a bug that
// escapes.

/**
 * Loaded before the bot: a SIGUSR2 makes an exception escape to the top of the process, as a bug in
 * a timer or event listener would. The signal lets the test choose the moment (while a reply is in flight).
 */
const THROW_ON_SIGUSR2 =
  'data:text/javascript,process.on("SIGUSR2", () => { throw new Error("injected bug escaped every handler"); });';
/** The same for a promise rejected where nobody awaits it. */
const REJECT_ON_SIGUSR2 =
  'data:text/javascript,process.on("SIGUSR2", () => { Promise.reject(new Error("injected rejection nobody awaited")); });';

const discord = emulatedDiscordForProcesses();
const { children } = discord;

/**
 * Starts dist/src/bot/main.js in one node process (node itself rather than npm's wrapper, so a signal reaches
 * the bot itself), configured only through the environment. Resolves once it is online and indexed.
 */
async function startBot(nodeOptions: string[] = []): Promise<{
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}> {
  const child = spawn(process.execPath, [...nodeOptions, 'dist/src/bot/main.js'], {
    env: botEnv(discord.emulator, { ASK_COOLDOWN_SECONDS: '0', LOG_LEVEL: 'debug' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close' rather than 'exit': by then standard error has been read to its end.
  const exited = once(child, 'close').then(([code]) => code as number | null);
  // Online and indexed: the bot logs in while it builds the index, in either order.
  await expect.poll(() => stderr, { timeout: 60_000, interval: 100 }).toContain('"msg":"bot ready"');
  await expect
    .poll(() => stderr, { timeout: 60_000, interval: 100 })
    .toContain('"msg":"knowledge index loaded"');
  return { child, stderr: () => stderr, exited };
}

function ask(question: string): EmulatedInteraction {
  return discord.emulator.dispatchInteraction(
    chatInputInteraction(discord.emulator.world, {
      commandId: discord.emulator.commandId('ask'),
      name: 'ask',
      options: [stringOption('question', question)],
    }),
  );
}

/** The log lines a process wrote to standard error; each must be JSON. */
function jsonLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the bot process', E2E, () => {
  beforeAll(() => void execFileSync('npm', ['run', '-s', 'build']), 60_000);

  test('logs a REST 401 on the interaction callback without the interaction token', async () => {
    const bot = await startBot();
    discord.emulator.failNext('POST', /^\/interactions\/\d+\/[^/]+\/callback$/, 401, '401: Unauthorized');
    const interaction = ask('What did Spicer say?');

    // The failed acknowledgement is logged; the apology that follows goes through.
    const outcome = await within(interaction.outcome, 15_000, '/ask after a 401');
    expect(outcome.message?.content).toMatch(/^Sorry, something went wrong/);
    const statuses = discord.emulator.requestsFor(interaction).map((r) => r.status);
    expect(statuses[0]).toBe(401);
    await expect.poll(() => bot.stderr(), { timeout: 5_000 }).toContain('command failed');

    const failed = jsonLines(bot.stderr()).find((line) => line.msg === 'command failed');
    expect(failed?.err).toMatchObject({
      status: 401,
      url: expect.stringContaining(`/interactions/${interaction.id}/[redacted]/callback`) as unknown,
    });
    expect(bot.stderr()).not.toContain(interaction.token);
    expect(bot.stderr()).not.toContain(TEST_TOKEN);
  });

  test('an unhandled rejection is logged as JSON and the bot keeps answering', async () => {
    const bot = await startBot(['--import', REJECT_ON_SIGUSR2]);
    bot.child.kill('SIGUSR2');
    await expect.poll(() => bot.stderr(), { timeout: 5_000 }).toContain('unhandled promise rejection');
    const logged = jsonLines(bot.stderr()).find((line) => line.msg === 'unhandled promise rejection');
    expect(logged).toMatchObject({ level: 50, err: { message: 'injected rejection nobody awaited' } });

    const outcome = await within(ask('What did Spicer say?').outcome, 15_000, '/ask after the rejection');
    expect(JSON.stringify(outcome.message?.embeds)).toContain('conditions are not there right now');
    expect(bot.child.exitCode).toBeNull();
  });

  test('an uncaught exception is logged as JSON, the reply in flight is finished, and it exits 1', async () => {
    const bot = await startBot(['--import', THROW_ON_SIGUSR2]);
    // Discord answers the bot's reply with a 429, so the reply is still in flight (waiting out
    // Retry-After) when the exception escapes.
    discord.emulator.rateLimitNext('PATCH', /\/messages\/@original$/, 2);
    const interaction = ask('What did Spicer say?');
    await discord.emulator.waitForRequest(
      (r) => r.method === 'PATCH' && r.status === 429 && r.path.includes(interaction.token),
      15_000,
    );
    bot.child.kill('SIGUSR2');

    const outcome = await within(interaction.outcome, 15_000, 'the reply in flight');
    expect(JSON.stringify(outcome.message?.embeds)).toContain('conditions are not there right now');
    expect(await within(bot.exited, 15_000, 'exit after the uncaught exception')).toBe(1);

    const lines = jsonLines(bot.stderr());
    const fatal = lines.find((line) => line.level === 60);
    expect(fatal).toMatchObject({ msg: 'uncaught exception: shutting down' });
    expect((fatal?.err as { stack: string }).stack).toContain('injected bug escaped every handler');
    expect(lines.at(-1), bot.stderr()).toMatchObject({ msg: 'stopped' });
  });
});
