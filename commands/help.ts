import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { formatHelp } from '../src/bot/format-reply.js';
import { READ_ANYWHERE, type CommandContext } from '../src/bot/load-commands.js';

/** `/help` — what the bot does and how to ask, in one short embed, to the member alone. */
export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('How to ask me about the news articles.')
  .setIntegrationTypes(...READ_ANYWHERE.integrationTypes)
  .setContexts(...READ_ANYWHERE.contexts)
  .toJSON();

export async function execute(
  interaction: ChatInputCommandInteraction,
  { library }: CommandContext,
): Promise<void> {
  await interaction.reply({ ...formatHelp(library.current.stats), flags: MessageFlags.Ephemeral });
}
