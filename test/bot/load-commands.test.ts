import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CommandLoadError, loadCommands, parseCommandModule } from '../../src/bot/load-commands.js';

const fixtures = path.resolve('test/bot/fixtures');

describe('loadCommands', () => {
  test('collects every module in commands/ by command name', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()]).toEqual([
      'article',
      'Ask the articles',
      'ask',
      'help',
      'quote',
      'reload',
      'sources',
    ]);
    expect(typeof commands.get('quote')?.autocomplete).toBe('function');
    expect(typeof commands.get('ask')?.button).toBe('function');
    expect(commands.get('ask')?.cooldown).toBe(true);
    expect(commands.get('Ask the articles')?.cooldown).toBe(true);
  });

  test('sets where every command may be used: reading anywhere, changing the knowledge only in servers', async () => {
    const commands = await loadCommands();
    for (const [name, { data }] of commands) {
      const changesKnowledge = name === 'reload' || name === 'article';
      expect(data.contexts, name).toEqual(changesKnowledge ? [0] : [0, 1, 2]);
      expect(data.integration_types, name).toEqual(changesKnowledge ? [0] : [0, 1]);
      if (changesKnowledge) expect(data.default_member_permissions, name).toBe('32');
    }
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

  test('accepts a message command whose file is its menu name in lower case with hyphens', () => {
    const command = parseCommandModule(
      { data: { type: 3, name: 'Ask the articles' }, execute: () => Promise.resolve() },
      'x.ts',
    );
    expect(command.data.name).toBe('Ask the articles');
    expect(() =>
      parseCommandModule({ data: { type: 3, name: 'Bad/Name' }, execute: () => 0 }, 'y.ts'),
    ).toThrow(/menu name/);
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
