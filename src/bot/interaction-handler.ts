import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import type { Cooldowns } from './cooldown.js';
import { APOLOGY, formatNotice } from './format-reply.js';
import type { Command, CommandContext } from './load-commands.js';

/** Everything the dispatcher needs, passed in rather than imported, so tests run the real wiring. */
export interface InteractionHandlerOptions {
  commands: ReadonlyMap<string, Command>;
  library: CommandContext['library'];
  config: CommandContext['config'];
  logger: Logger;
  cooldowns: Cooldowns;
}

/**
 * Builds the `interactionCreate` listener: routes slash commands and autocomplete to their modules, and is
 * the one place their errors are caught. A UserError's message goes to the user, ephemerally; anything
 * else is logged with its stack and the user gets a short ephemeral apology. It never rejects.
 */
export function createInteractionHandler(
  options: InteractionHandlerOptions,
): (interaction: Interaction) => Promise<void> {
  const { commands, library, config, logger, cooldowns } = options;

  return async (interaction) => {
    if (!interaction.isChatInputCommand() && !interaction.isAutocomplete()) return;
    const log = logger.child({
      interaction: interaction.id,
      user: interaction.user.id,
      command: interaction.commandName,
    });
    const context: CommandContext = { library, config, logger: log };
    const command = commands.get(interaction.commandName);

    if (interaction.isAutocomplete()) {
      await runAutocomplete(interaction, command, context);
      return;
    }

    const started = performance.now();
    try {
      if (!command)
        throw new UserError(
          'This command is not available any more. It may take a minute to disappear from the list.',
        );
      if (command.cooldown) {
        const waitMs = cooldowns.take(`${interaction.user.id}:${command.data.name}`);
        if (waitMs > 0)
          throw new UserError(`You are going a bit fast. Try again in ${Math.ceil(waitMs / 1000)} s.`);
      }
      log.debug(
        { options: interaction.options.data.map((o) => ({ name: o.name, value: o.value })) },
        'command received',
      );
      await command.execute(interaction, context);
      log.info({ durationMs: Math.round(performance.now() - started) }, 'command answered');
    } catch (err) {
      if (isExpired(err)) {
        // Too late to acknowledge: Discord has already told the user it failed, and no reply can follow.
        log.warn(
          { ageMs: Date.now() - interaction.createdTimestamp },
          'interaction expired before the bot acknowledged it',
        );
        return;
      }
      if (err instanceof UserError) log.info({ reason: err.message }, 'command refused');
      else log.error({ err }, 'command failed');
      await sendEphemeral(interaction, err instanceof UserError ? err.message : APOLOGY, log);
    }
  };
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
    context.logger.error({ err }, 'autocomplete failed');
    // An empty list tells the client "no suggestions" rather than leaving it spinning.
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}

/**
 * Tells the user something only they see, whatever state the interaction is in. A public deferral
 * cannot be turned ephemeral, and the first follow-up to a deferral would replace it publicly, so the
 * "thinking…" message is deleted first and the notice sent as a fresh ephemeral follow-up.
 */
async function sendEphemeral(
  interaction: ChatInputCommandInteraction,
  message: string,
  log: Logger,
): Promise<void> {
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
    // Typically the interaction expired (10062) or the channel is gone: nothing more can reach the user.
    log.warn({ err }, 'could not tell the user about the error');
  }
}

function isExpired(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.UnknownInteraction;
}
