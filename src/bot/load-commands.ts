import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Library } from '../engine/library.js';
import type { FeedbackStore } from '../feedback/feedback-store.js';

/** What a command handler may use: the knowledge library, the settings, feedback, and its interaction's logger. */
export interface CommandContext {
  library: Pick<Library, 'current' | 'reload'>;
  config: Pick<
    Config,
    'MOD_ROLE_IDS' | 'KNOWLEDGE_GUILD_IDS' | 'DISCORD_GUILD_ID' | 'KNOWLEDGE_DIR' | 'DISCORD_API_URL'
  >;
  feedback: Pick<FeedbackStore, 'record'>;
  logger: Logger;
}

/**
 * One application command (a slash command, or a message context-menu command) and its handlers, as
 * exported by a module in `commands/`. Handlers refuse by throwing UserError before acknowledging, so
 * a refusal is shown to the member alone from the start.
 */
export interface Command {
  data: RESTPostAPIApplicationCommandsJSONBody;
  execute(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
    context: CommandContext,
  ): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
  /** Clicks on the buttons its replies carry; `args` is the custom id after `<command>:`. */
  button?(interaction: ButtonInteraction, args: string[], context: CommandContext): Promise<void>;
  /** When true, each user may run it once per `ASK_COOLDOWN_SECONDS`. */
  cooldown?: boolean;
}

/**
 * Where the reading commands may be used: reading the articles is harmless anywhere, in servers, in
 * DMs with the bot, and where a member installed the app for themselves. (Commands that change the
 * knowledge base are server-installed and used in servers only.)
 */
export const READ_ANYWHERE = {
  integrationTypes: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
} as const;

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
const slashCommandData = z.looseObject({
  type: z.literal(ApplicationCommandType.ChatInput).optional(),
  name: z.string().regex(/^[-_\p{Ll}\p{N}]{1,32}$/u, 'expected a lower-case command name of 1–32 characters'),
  description: z.string().min(1).max(100),
  options: z.array(optionSchema).optional(),
});

// Context-menu commands have a display name ("Ask the articles") and no description.
const messageCommandData = z.looseObject({
  type: z.literal(ApplicationCommandType.Message),
  name: z.string().regex(/^[\p{L}\p{N} _-]{1,32}$/u, 'expected a menu name of 1–32 letters and spaces'),
});

const commandModuleSchema = z.object({
  data: z.union([slashCommandData, messageCommandData]),
  execute: fn,
  autocomplete: fn.optional(),
  button: fn.optional(),
  cooldown: z.boolean().optional(),
});

/** How members see a command's name: `/ask`, or a menu entry's own words. */
function label(command: Command): string {
  return command.data.type === ApplicationCommandType.Message
    ? `"${command.data.name}"`
    : `/${command.data.name}`;
}

/** The file a command lives in, without extension: its name, lower-cased, spaces as hyphens. */
export function commandFileName(name: string): string {
  return name.toLowerCase().replace(/ /g, '-');
}

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
    if (commandFileName(command.data.name) !== expected) {
      throw new CommandLoadError(
        `${where}: defines ${label(command)}; name the file ${commandFileName(command.data.name)}${path.extname(file)}`,
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
  const data = result.data.data;
  const options = data.type === ApplicationCommandType.Message ? [] : (data.options ?? []);
  const wantsAutocomplete = options.some((option) => option.autocomplete === true);
  if (wantsAutocomplete && !result.data.autocomplete) {
    throw new CommandLoadError(
      `${where}: an option has autocomplete but the module exports no autocomplete handler`,
    );
  }
  // The schema checked what the loader relies on; the builder that produced `data` typed the rest.
  return module as Command;
}
