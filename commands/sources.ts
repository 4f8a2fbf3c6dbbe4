import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { formatSources } from '../src/bot/format-reply.js';
import { READ_ANYWHERE, type CommandContext } from '../src/bot/load-commands.js';

/** `/sources` — lists the articles the bot answers from, so people know what to ask. */
export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the news articles I answer from.')
  .setIntegrationTypes(...READ_ANYWHERE.integrationTypes)
  .setContexts(...READ_ANYWHERE.contexts)
  .toJSON();

/** Replies at once: listing the loaded articles is instant, so there is nothing to defer for. */
export async function execute(
  interaction: ChatInputCommandInteraction,
  { library }: CommandContext,
): Promise<void> {
  const index = library.current;
  await interaction.reply(formatSources(index.articles, index.stats));
}
