import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import { splitButtonId } from './button-ids.js';
import type { Cooldowns } from './cooldown.js';
import { APOLOGY, formatNotice } from './format-reply.js';
import type { Command, CommandContext } from './load-commands.js';

/** Everything the dispatcher needs, passed in rather than imported, so tests run the real wiring. */
export interface InteractionHandlerOptions {
  commands: ReadonlyMap<string, Command>;
  library: CommandContext['library'];
  config: CommandContext['config'];
  feedback: CommandContext['feedback'];
  logger: Logger;
  cooldowns: Cooldowns;
  /** True once the bot is shutting down: new interactions are told so instead of being started. */
  isStopping: () => boolean;
}

/** What a member sees when they ask while the bot is shutting down. */
const RESTARTING = 'I am restarting and not taking new questions. Please try again in a minute.';

/** Interactions that get a message in reply (everything but autocomplete). */
type Answerable = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction;

/**
 * Builds the `interactionCreate` listener: routes commands, autocomplete and button clicks to their
 * modules, and is the one place their errors are caught. A UserError's message goes to the member
 * alone; anything else is logged with its stack and the member gets a short apology, also ephemeral.
 * It never rejects.
 */
export function createInteractionHandler(
  options: InteractionHandlerOptions,
): (interaction: Interaction) => Promise<void> {
  const { commands, library, config, feedback, logger, cooldowns, isStopping } = options;

  return async (interaction) => {
    const route = routeOf(interaction);
    if (!route) return;
    const log = logger.child({ interaction: interaction.id, user: interaction.user.id, ...route.log });
    const context: CommandContext = { library, config, feedback, logger: log };
    const command = commands.get(route.command);

    if (interaction.isAutocomplete()) {
      if (isStopping()) await interaction.respond([]).catch(() => undefined);
      else await runAutocomplete(interaction, command, context);
      return;
    }
    if (!(interaction.isCommand() || interaction.isButton())) return;
    const answerable = interaction as Answerable;
    const started = performance.now();
    try {
      if (isStopping()) throw new UserError(RESTARTING);
      if (answerable.isButton()) {
        if (!command?.button) throw new UserError('This button no longer works; run the command again.');
        await command.button(answerable, route.args, context);
        log.info({ durationMs: Math.round(performance.now() - started) }, 'button answered');
        return;
      }
      if (!command)
        throw new UserError(
          'This command is not available any more. It may take a minute to disappear from the list.',
        );
      if (command.cooldown) {
        const waitMs = cooldowns.take(`${answerable.user.id}:${command.data.name}`);
        // A Discord timestamp counts down in the member's own client: "try again in 4 seconds".
        if (waitMs > 0)
          throw new UserError(
            `You are going a bit fast. You can ask again <t:${Math.ceil((Date.now() + waitMs) / 1000)}:R>.`,
          );
      }
      if (answerable.isChatInputCommand())
        log.debug(
          { options: answerable.options.data.map((o) => ({ name: o.name, value: o.value })) },
          'command received',
        );
      await command.execute(answerable, context);
      log.info({ durationMs: Math.round(performance.now() - started) }, 'command answered');
    } catch (err) {
      if (isExpired(err)) {
        // Too late to acknowledge: Discord has already told the member it failed, and no reply can follow.
        log.warn(
          { ageMs: Date.now() - interaction.createdTimestamp },
          'interaction expired before the bot acknowledged it',
        );
        return;
      }
      if (err instanceof UserError) log.info({ reason: err.message }, 'command refused');
      else log.error({ err }, 'command failed');
      await sendEphemeral(answerable, err instanceof UserError ? err.message : APOLOGY, log);
    }
  };
}

/** Which command module an interaction is for, and what to log about it; undefined for other kinds. */
function routeOf(
  interaction: Interaction,
): { command: string; args: string[]; log: Record<string, string> } | undefined {
  if (interaction.isCommand() || interaction.isAutocomplete())
    return { command: interaction.commandName, args: [], log: { command: interaction.commandName } };
  if (interaction.isButton()) {
    const { command, args } = splitButtonId(interaction.customId);
    return { command, args, log: { command, button: args[0] ?? '' } };
  }
  return undefined;
}

async function runAutocomplete(
  interaction: AutocompleteInteraction,
  command: Command | undefined,
  context: CommandContext,
): Promise<void> {
  try {
    if (!command?.autocomplete) throw new Error(`no autocomplete handler for /${interaction.commandName}`);
    await command.autocomplete(interaction, context);
  } catch (err) {
    // The member typed on and the client moved to a newer request: nothing went wrong. Nor when there is
    // nothing to suggest yet (still indexing).
    if (isExpired(err)) context.logger.debug('autocomplete expired before it was answered');
    else if (err instanceof UserError) context.logger.debug({ reason: err.message }, 'no suggestions');
    else context.logger.error({ err }, 'autocomplete failed');
    // An empty list tells the client "no suggestions" rather than leaving it spinning.
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}

/**
 * Tells the member something only they see, whatever state the interaction is in. A public deferral
 * cannot be turned ephemeral, and the first follow-up to a deferral would replace it publicly, so the
 * "thinking…" message is deleted first and the notice sent as a fresh ephemeral follow-up.
 */
async function sendEphemeral(interaction: Answerable, message: string, log: Logger): Promise<void> {
  const body = formatNotice(message);
  try {
    if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
      await interaction.editReply(body);
    } else if (interaction.deferred && !interaction.replied) {
      await interaction.deleteReply();
      await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    } else if (interaction.replied) {
      await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    } else {
      await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
    }
  } catch (err) {
    // Typically the interaction expired (10062) or the channel is gone: nothing more can reach the member.
    log.warn({ err }, 'could not tell the user about the error');
  }
}

function isExpired(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.UnknownInteraction;
}
