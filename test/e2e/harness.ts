import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createBot, type Bot } from '../../src/bot/create-bot.js';
import { loadCommands, type CommandContext } from '../../src/bot/load-commands.js';
import { openLibrary } from '../../src/engine/open-library.js';
import type { Library } from '../../src/engine/library.js';
import { DiscordEmulator, type EmulatedInteraction, type InteractionOutcome } from './discord-emulator.js';
import {
  autocompleteInteraction,
  booleanOption,
  buttonInteraction,
  chatInputInteraction,
  guildMember,
  messageCommandInteraction,
  stringOption,
  type World,
} from './payloads.js';
import type { APIInteraction, APIInteractionGuildMember } from 'discord.js';
import type { EmulatedMessage } from './discord-emulator.js';

/**
 * Options for every end-to-end describe block. A test waits up to 60 s at a time for the bot (`within`),
 * often twice; on a loaded 2-core machine vitest's 60 s default would end it before its own wait does.
 */
export const E2E = { timeout: 180_000 };

/** The token the emulator accepts; long enough for the config schema, and easy to search logs for. */
export const TEST_TOKEN = 'MTIzNDU2Nzg5.emulated.bot-token-never-logged';

/** The real seed knowledge folder at the repository root. */
export const KNOWLEDGE_DIR = path.resolve('knowledge');

/** Log lines the bot wrote, parsed, so tests can assert on what was logged (and what never was). */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        this.raw.push(line);
        this.lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });

  find(msg: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.msg === msg);
  }
}

/** One running bot (real library, real discord.js client) connected to its own emulated Discord. */
export interface Harness {
  emulator: DiscordEmulator;
  bot: Bot;
  library: Library;
  config: Config;
  logs: LogCapture;
  logger: Logger;
  /** Runs `/name` as `member` and waits until the user sees the answer. */
  command(
    name: string,
    options?: Record<string, string | boolean>,
    member?: APIInteractionGuildMember,
  ): { interaction: EmulatedInteraction; outcome: Promise<InteractionOutcome> };
  /** Clicks the button with `customId` under `message`, as `member`. */
  click(
    message: EmulatedMessage,
    customId: string,
    member?: APIInteractionGuildMember,
  ): { interaction: EmulatedInteraction; outcome: Promise<InteractionOutcome> };
  /** Uses the message command `name` on a member's message saying `content`. */
  messageCommand(
    name: string,
    content: string,
  ): { interaction: EmulatedInteraction; outcome: Promise<InteractionOutcome> };
  /** Sends any interaction payload (for shapes the helpers above do not build). */
  dispatch(
    payload: APIInteraction,
    options?: { ageMs?: number },
  ): {
    interaction: EmulatedInteraction;
    outcome: Promise<InteractionOutcome>;
  };
  /** Types `typed` into `/name option:` and waits for the suggestions. */
  autocomplete(name: string, option: string, typed: string): Promise<InteractionOutcome>;
  close(): Promise<void>;
}

/**
 * Starts an emulator, opens the library with the real embedding model, and logs the real bot in,
 * wired by the same createBot as `npm start`. `env` adds settings (which may name the emulated guild's
 * ids) on top of the test defaults.
 */
export async function startHarness(
  options: {
    knowledgeDir?: string;
    env?: (world: World) => Record<string, string>;
    /** Wraps the real library, for the few tests whose point is an engine that fails. */
    wrapLibrary?: (library: Library) => CommandContext['library'];
  } = {},
): Promise<Harness> {
  const emulator = await DiscordEmulator.start({ token: TEST_TOKEN });
  const feedbackDir = await mkdtemp(path.join(tmpdir(), 'feedback-'));
  const config = loadConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_CLIENT_ID: emulator.world.applicationId,
    DISCORD_API_URL: emulator.apiUrl,
    KNOWLEDGE_DIR: options.knowledgeDir ?? KNOWLEDGE_DIR,
    ASK_COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'debug',
    // Each harness keeps its votes in its own folder, removed with the emulator.
    FEEDBACK_DIR: feedbackDir,
    // The emulated guild is the bot's home server, where moderators may change the knowledge base.
    KNOWLEDGE_GUILD_IDS: emulator.world.guildId,
    ...options.env?.(emulator.world),
  });
  const logs = new LogCapture();
  const logger = pino({ level: config.LOG_LEVEL }, logs.stream);
  const library = await openLibrary(config, logger);
  const commands = await loadCommands();
  const bot = createBot({ config, logger, library: options.wrapLibrary?.(library) ?? library, commands });
  await bot.start(TEST_TOKEN);

  return {
    emulator,
    bot,
    library,
    config,
    logs,
    logger,
    command(name, values = {}, member = guildMember()) {
      const interaction = emulator.dispatchInteraction(
        chatInputInteraction(emulator.world, {
          commandId: emulator.commandId(name),
          name,
          options: Object.entries(values).map(([key, value]) =>
            typeof value === 'boolean' ? booleanOption(key, value) : stringOption(key, value),
          ),
          member,
        }),
      );
      return { interaction, outcome: interaction.outcome };
    },
    click(message, customId, member = guildMember()) {
      const interaction = emulator.dispatchInteraction(
        buttonInteraction(emulator.world, { customId, message: emulator.apiMessage(message), member }),
      );
      return { interaction, outcome: interaction.outcome };
    },
    messageCommand(name, content) {
      const interaction = emulator.dispatchInteraction(
        messageCommandInteraction(emulator.world, { commandId: emulator.commandId(name), name, content }),
      );
      return { interaction, outcome: interaction.outcome };
    },
    dispatch(payload, options) {
      const interaction = emulator.dispatchInteraction(payload, options);
      return { interaction, outcome: interaction.outcome };
    },
    autocomplete(name, option, typed) {
      return emulator.dispatchInteraction(
        autocompleteInteraction(emulator.world, { commandId: emulator.commandId(name), name, option, typed }),
      ).outcome;
    },
    async close() {
      await bot.stop();
      await emulator.close();
      await rm(feedbackDir, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file whose bot answers from a scratch copy of the seed knowledge folder, which its tests may
 * edit or break: starts it before the file's tests (handing over the harness and the folder) and closes
 * and removes both after them.
 */
export function harnessOnScratchKnowledge(
  started: (harness: Harness, knowledgeDir: string) => void,
  options: Omit<NonNullable<Parameters<typeof startHarness>[0]>, 'knowledgeDir'> = {},
): void {
  let knowledge: Awaited<ReturnType<typeof copyKnowledge>> | undefined;
  let harness: Harness | undefined;
  beforeAll(async () => {
    knowledge = await copyKnowledge();
    harness = await startHarness({ ...options, knowledgeDir: knowledge.dir });
    started(harness, knowledge.dir);
  });
  afterAll(async () => {
    await harness?.close();
    await knowledge?.remove();
  });
}

/** A scratch copy of the seed knowledge folder, for tests that edit or break it. */
export async function copyKnowledge(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'knowledge-'));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Rejects if `promise` takes longer than `ms`, naming what was awaited. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}
