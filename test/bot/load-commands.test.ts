import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CommandLoadError, loadCommands, parseCommandModule } from '../../src/bot/load-commands.js';

const fixtures = path.resolve('test/bot/fixtures');

describe('loadCommands', () => {
  test('collects every module in commands/ by command name', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()]).toEqual(['ask', 'quote', 'reload', 'sources']);
    expect(typeof commands.get('quote')?.autocomplete).toBe('function');
    expect(commands.get('ask')?.cooldown).toBe(true);
  });

  test('fails naming the file when a module exports no handler', async () => {
    const loading = loadCommands(path.join(fixtures, 'malformed-commands'));
    await expect(loading).rejects.toThrow(CommandLoadError);
    await expect(loading).rejects.toThrow(
      /^malformed-commands\/broken\.ts: not a valid command module \(execute: expected a function\)$/,
    );
  });

  test('fails when a file defines a command of another name', async () => {
    await expect(loadCommands(path.join(fixtures, 'misnamed-commands'))).rejects.toThrow(
      'misnamed-commands/hello.ts: defines /goodbye; name the file goodbye.ts',
    );
  });

  test('fails on a folder without command modules', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'commands-'));
    try {
      await expect(loadCommands(empty)).rejects.toThrow(/holds no command modules$/);
    } finally {
      await rm(empty, { recursive: true });
    }
  });
});

describe('parseCommandModule', () => {
  const execute = async () => {};

  test('rejects a name Discord would refuse', () => {
    expect(() =>
      parseCommandModule({ data: { name: 'Ask Me', description: 'x' }, execute }, 'commands/ask.ts'),
    ).toThrow(
      /^commands\/ask\.ts: not a valid command module \(data\.name: expected a lower-case command name/,
    );
  });

  test('rejects a description over 100 characters', () => {
    expect(() =>
      parseCommandModule({ data: { name: 'ask', description: 'x'.repeat(101) }, execute }, 'ask.ts'),
    ).toThrow(/data\.description/);
  });

  test('requires an autocomplete handler when an option asks for autocomplete', () => {
    const data = {
      name: 'quote',
      description: 'x',
      options: [{ type: 3, name: 'speaker', autocomplete: true }],
    };
    expect(() => parseCommandModule({ data, execute }, 'quote.ts')).toThrow(
      'quote.ts: an option has autocomplete but the module exports no autocomplete handler',
    );
    expect(parseCommandModule({ data, execute, autocomplete: execute }, 'quote.ts').data.name).toBe('quote');
  });
});
