import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Library } from '../engine/library.js';

/** What a command handler may use: the knowledge library, the settings, and its interaction's logger. */
export interface CommandContext {
  library: Pick<Library, 'current' | 'reload'>;
  config: Pick<Config, 'MOD_ROLE_IDS'>;
  logger: Logger;
}

/** One slash command: its registration payload and its handlers, as exported by a module in `commands/`. */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
  /** When true, each user may run it once per `ASK_COOLDOWN_SECONDS`. */
  cooldown?: boolean;
}

/** A module in `commands/` is malformed; the message names the file and what is wrong with it. */
export class CommandLoadError extends Error {
  override name = 'CommandLoadError';
}

/** Where the command modules live: `commands/` at the repository root. */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

const fn = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'expected a function',
);

const optionSchema = z.looseObject({
  type: z.number().int(),
  name: z.string(),
  autocomplete: z.boolean().optional(),
});

// Only what the loader and Discord need to agree on is checked here; Discord validates the rest on deploy.
const commandModuleSchema = z.object({
  data: z.looseObject({
    name: z
      .string()
      .regex(/^[-_\p{Ll}\p{N}]{1,32}$/u, 'expected a lower-case command name of 1–32 characters'),
    description: z.string().min(1).max(100),
    options: z.array(optionSchema).optional(),
  }),
  execute: fn,
  autocomplete: fn.optional(),
  cooldown: z.boolean().optional(),
});

const COMMAND_FILE = /^[^.].*\.(ts|js|mts|mjs)$/;
const NOT_A_COMMAND = /\.(d|test|spec)\.[mc]?[tj]s$/;

/**
 * Imports every module in `dir`, checks each exports `data` and `execute` (and `autocomplete` when an
 * option asks for it), and returns them by command name. Throws CommandLoadError naming the first
 * malformed file, so a bad command stops start-up and deployment instead of failing at run time.
 */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir))
    .filter((name) => COMMAND_FILE.test(name) && !NOT_A_COMMAND.test(name))
    .sort();
  const commands = new Map<string, Command>();
  for (const file of files) {
    const where = path.join(path.basename(dir), file);
    let module: unknown;
    try {
      module = await import(pathToFileURL(path.join(dir, file)).href);
    } catch (err) {
      throw new CommandLoadError(`${where}: cannot be imported (${(err as Error).message})`, { cause: err });
    }
    const command = parseCommandModule(module, where);
    const expected = path.basename(file, path.extname(file));
    if (command.data.name !== expected) {
      throw new CommandLoadError(
        `${where}: defines /${command.data.name}; name the file ${command.data.name}${path.extname(file)}`,
      );
    }
    commands.set(command.data.name, command);
  }
  if (commands.size === 0) throw new CommandLoadError(`${dir}: holds no command modules`);
  return commands;
}

/** Checks one imported module's shape; `where` names it in the error. */
export function parseCommandModule(module: unknown, where: string): Command {
  const result = commandModuleSchema.safeParse(module);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'module'}: ${issue.message}`,
    );
    throw new CommandLoadError(`${where}: not a valid command module (${problems.join('; ')})`);
  }
  const wantsAutocomplete = result.data.data.options?.some((option) => option.autocomplete === true) ?? false;
  if (wantsAutocomplete && !result.data.autocomplete) {
    throw new CommandLoadError(
      `${where}: an option has autocomplete but the module exports no autocomplete handler`,
    );
  }
  // The schema checked what the loader relies on; the builder that produced `data` typed the rest.
  return module as Command;
}
