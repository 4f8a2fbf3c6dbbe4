import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DiscordEmulator } from './discord-emulator.js';
import { KNOWLEDGE_DIR, TEST_TOKEN } from './harness.js';

/**
 * For test files that run the bot's scripts as processes of their own: one emulated Discord for the
 * file, and every process a test started killed after it, whatever the test's outcome.
 */
export function emulatedDiscordForProcesses(): {
  readonly emulator: DiscordEmulator;
  children: ChildProcess[];
} {
  let emulator: DiscordEmulator | undefined;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    emulator = await DiscordEmulator.start({ token: TEST_TOKEN });
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return {
    get emulator() {
      if (!emulator) throw new Error('the emulated Discord starts in beforeAll');
      return emulator;
    },
    children,
  };
}

/** The environment a user would set for the bot, and nothing else from the test runner's. */
export function botEnv(
  emulator: DiscordEmulator,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_CLIENT_ID: emulator.world.applicationId,
    DISCORD_API_URL: emulator.apiUrl,
    KNOWLEDGE_DIR,
    LOG_LEVEL: 'info',
    ...extra,
  };
}
