import { describe, expect, test } from 'vitest';
import { PendingLibrary, STILL_INDEXING } from '../../src/bot/pending-library.js';
import type { CommandContext } from '../../src/bot/load-commands.js';
import { UserError } from '../../src/errors.js';

describe('PendingLibrary', () => {
  test('tells members the bot is still indexing until the library is open, then passes through', async () => {
    const pending = new PendingLibrary();
    expect(pending.ready).toBe(false);
    expect(() => pending.current).toThrow(new UserError(STILL_INDEXING));
    await expect(pending.reload()).rejects.toThrow(STILL_INDEXING);

    const index = { stats: { articles: 1 } } as unknown as CommandContext['library']['current'];
    const report = { added: [] } as unknown as Awaited<ReturnType<CommandContext['library']['reload']>>;
    pending.open({ current: index, reload: () => Promise.resolve(report) });
    expect(pending.ready).toBe(true);
    expect(pending.current).toBe(index);
    await expect(pending.reload()).resolves.toBe(report);
  });
});
