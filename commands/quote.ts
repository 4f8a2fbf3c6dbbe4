import {
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { DISCORD_LIMITS, formatQuotes, formatSpeakerChoices } from '../src/bot/format-reply.js';
import type { CommandContext } from '../src/bot/load-commands.js';
import { MAX_NAME_LENGTH } from '../src/engine/build-index.js';

/** `/quote speaker:` — what a named person said in the articles, with citations. */
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
  .toJSON();

/** Looks the speaker up in the current index and replies with their quotes (or who they might mean). */
export async function execute(
  interaction: ChatInputCommandInteraction,
  { library }: CommandContext,
): Promise<void> {
  const speaker = interaction.options.getString('speaker', true);
  await interaction.deferReply();
  const index = library.current;
  await interaction.editReply(formatQuotes(index.quote(speaker), index.articles));
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
