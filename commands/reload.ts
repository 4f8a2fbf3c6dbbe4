import {
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { knowledgeGuildIds } from '../src/config.js';
import { KnowledgeError } from '../src/errors.js';
import { formatReloadFailure, formatReloadReport } from '../src/bot/format-reply.js';
import type { CommandContext } from '../src/bot/load-commands.js';
import { assertMayChangeKnowledge } from '../src/bot/permissions.js';

/** `/reload` — moderators only: rebuilds the index from the knowledge folder and swaps it in. */
export const data = new SlashCommandBuilder()
  .setName('reload')
  .setDescription('Moderators: re-read the knowledge folder and answer from the new articles.')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild)
  .toJSON();

/**
 * Re-checks the caller (server admins can widen who sees the command, and only the listed servers may
 * change the knowledge base), then reloads. Questions keep being answered from the old index meanwhile;
 * a broken file leaves it in place and is reported.
 */
export async function execute(
  interaction: ChatInputCommandInteraction,
  { library, config, logger }: CommandContext,
): Promise<void> {
  assertMayChangeKnowledge(interaction, knowledgeGuildIds(config), config.MOD_ROLE_IDS);
  const moderator = { moderator: interaction.user.id, username: interaction.user.username };
  logger.info(moderator, 'reload requested');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  try {
    const report = await library.reload();
    logger.info({ ...moderator, reload: report }, 'reload done');
    await interaction.editReply(formatReloadReport(report));
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    logger.warn({ ...moderator, problems: err.problems }, 'reload failed; previous index kept');
    await interaction.editReply(formatReloadFailure(err.problems));
  }
}
