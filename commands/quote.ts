import {
  MessageFlags,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { DISCORD_LIMITS } from '../src/bot/discord-text.js';
import { READ_ANYWHERE, type CommandContext } from '../src/bot/load-commands.js';
import {
  formatQuoteContext,
  formatQuotes,
  formatSpeakerChoices,
  QUOTE_BUTTONS,
} from '../src/bot/quote-card.js';
import { MAX_NAME_LENGTH } from '../src/engine/build-index.js';
import { UserError } from '../src/errors.js';

/** `/quote speaker: [private:]` — what a named person said in the articles, with citations. */
export const data = new SlashCommandBuilder()
  .setName('quote')
  .setDescription('Show what a person or organisation said in the news articles.')
  .addStringOption((option) =>
    option
      .setName('speaker')
      .setDescription('A person or organisation named in the articles; start typing for suggestions')
      .setRequired(true)
      .setMaxLength(MAX_NAME_LENGTH)
      .setAutocomplete(true),
  )
  .addBooleanOption((option) =>
    option.setName('private').setDescription('Show the quotes to me only (default: everyone in the channel)'),
  )
  .setIntegrationTypes(...READ_ANYWHERE.integrationTypes)
  .setContexts(...READ_ANYWHERE.contexts)
  .toJSON();

/**
 * Looks the speaker up (in well under a millisecond, so nothing to defer for) and replies with their
 * quotes. A name nobody has gets its suggestions privately: a typo is not news for the whole channel.
 */
export async function execute(
  interaction: ChatInputCommandInteraction,
  { library }: CommandContext,
): Promise<void> {
  const index = library.current;
  const result = index.quote(interaction.options.getString('speaker', true));
  const hidden = (interaction.options.getBoolean('private') ?? false) || result.speaker === null;
  await interaction.reply({
    ...formatQuotes(result, index.articles),
    ...(hidden ? { flags: MessageFlags.Ephemeral } : {}),
  });
}

/** Offers the known speakers matching what has been typed so far, best first. */
export async function autocomplete(
  interaction: AutocompleteInteraction,
  { library }: CommandContext,
): Promise<void> {
  const typed = interaction.options.getFocused();
  await interaction.respond(
    formatSpeakerChoices(library.current.suggestSpeakers(typed, DISCORD_LIMITS.choices)),
  );
}

/** "Show context": the speaker's quotes in their sentences, from the articles as they are now, privately. */
export async function button(
  interaction: ButtonInteraction,
  args: string[],
  { library }: CommandContext,
): Promise<void> {
  const [action, ...name] = args;
  if (action !== QUOTE_BUTTONS.context) throw new UserError('This button no longer works; run /quote again.');
  const index = library.current;
  await interaction.reply({
    // A name may itself contain ":", which split the custom id.
    ...formatQuoteContext(index.quote(name.join(':')), index.articles),
    flags: MessageFlags.Ephemeral,
  });
}
