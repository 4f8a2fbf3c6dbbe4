import {
  ApplicationIntegrationType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { downloadAttachment } from '../src/bot/download-attachment.js';
import { buttonRows, DISCORD_LIMITS, truncate } from '../src/bot/discord-text.js';
import {
  formatArticleList,
  formatNotice,
  formatReloadFailure,
  formatReloadReport,
} from '../src/bot/format-reply.js';
import type { CommandContext } from '../src/bot/load-commands.js';
import { assertMayChangeKnowledge } from '../src/bot/permissions.js';
import { knowledgeGuildIds } from '../src/config.js';
import { KnowledgeError, UserError } from '../src/errors.js';
import { addArticleFile, removeArticleFile } from '../src/knowledge/article-files.js';
import { loadKnowledgeFolder } from '../src/knowledge/load-knowledge.js';
import { MAX_ARTICLE_BYTES } from '../src/knowledge/parse-article.js';

/** How long downloading an attached article may take. */
const DOWNLOAD_TIMEOUT_MS = 10_000;

/** `/article add|remove|list` — moderators manage the knowledge base from Discord. */
export const data = new SlashCommandBuilder()
  .setName('article')
  .setDescription('Moderators: add, remove or list the articles I answer from.')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add an article: a .md file with front matter, or a .txt saved from a news page.')
      .addAttachmentOption((option) =>
        option.setName('file').setDescription('The article file (at most 512 KiB)').setRequired(true),
      )
      .addBooleanOption((option) =>
        option.setName('replace').setDescription('Overwrite an article file of the same name'),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription('Remove an article (asks you to confirm).')
      .addStringOption((option) =>
        option
          .setName('article')
          .setDescription('The article to remove; start typing its title')
          .setRequired(true)
          .setAutocomplete(true),
      ),
  )
  .addSubcommand((sub) => sub.setName('list').setDescription('List the article files and any skipped ones.'))
  .toJSON();

/**
 * Checks who and where before anything else; then adds (validated exactly as the loader reads, written
 * atomically, reloaded), asks to confirm a removal, or lists the folder. Every change is logged with
 * the moderator who made it. Everything here is shown to the moderator alone.
 */
export async function execute(
  interaction: ChatInputCommandInteraction,
  context: CommandContext,
): Promise<void> {
  const { config } = context;
  assertMayChangeKnowledge(interaction, knowledgeGuildIds(config), config.MOD_ROLE_IDS);
  const sub = interaction.options.getSubcommand(true);
  if (sub === 'add') return add(interaction, context);
  if (sub === 'remove') return confirmRemoval(interaction, context);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await interaction.editReply(formatArticleList(await loadKnowledgeFolder(config.KNOWLEDGE_DIR)));
}

async function add(interaction: ChatInputCommandInteraction, { library, config, logger }: CommandContext) {
  const file = interaction.options.getAttachment('file', true);
  // Discord states the size; refusing here spares a download, and the download checks again anyway.
  if (file.size > MAX_ARTICLE_BYTES)
    throw new UserError(
      `${file.name} is ${Math.ceil(file.size / 1024)} KiB; articles may be at most 512 KiB.`,
    );
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const bytes = await downloadAttachment(file.url, {
    maxBytes: MAX_ARTICLE_BYTES,
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
    // A bot pointed at a Discord on this machine (the test emulator, a local proxy) gets its files there.
    allowLocalHttp: isLocal(config.DISCORD_API_URL),
  });
  const replace = interaction.options.getBoolean('replace') ?? false;
  const { article, replaced } = await addArticleFile(config.KNOWLEDGE_DIR, file.name, bytes, { replace });
  const who = { moderator: interaction.user.id, username: interaction.user.username };
  logger.info({ ...who, file: file.name, slug: article.slug, replaced }, 'article added from Discord');
  await interaction.editReply(await reloadAfterChange(library, logger, who));
}

async function confirmRemoval(interaction: ChatInputCommandInteraction, { library }: CommandContext) {
  const slug = interaction.options.getString('article', true);
  const article = library.current.articles.find((a) => a.slug === slug || a.title === slug);
  if (!article) throw new UserError('No article by that name; pick one from the suggestions.');
  const confirmId = `article:remove:${article.slug}`;
  if (confirmId.length > DISCORD_LIMITS.customId)
    throw new UserError(
      'This article’s slug is too long to remove from Discord; remove its file on the host.',
    );
  await interaction.reply({
    ...formatNotice(`Remove “${truncate(article.title, 200)}” (${article.file}) from the knowledge base?`),
    components: buttonRows([
      { type: ComponentType.Button, style: ButtonStyle.Danger, custom_id: confirmId, label: 'Remove it' },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: 'article:cancel',
        label: 'Keep it',
      },
    ]),
    flags: MessageFlags.Ephemeral,
  });
}

/** The confirm and cancel buttons of a removal; the moderator's rights are checked again on the click. */
export async function button(
  interaction: ButtonInteraction,
  args: string[],
  { library, config, logger }: CommandContext,
): Promise<void> {
  const [action, slug = ''] = args;
  if (action === 'cancel') {
    await interaction.update({ ...formatNotice('Nothing was removed.'), components: [] });
    return;
  }
  if (action !== 'remove') throw new UserError('This button no longer works; run /article again.');
  assertMayChangeKnowledge(interaction, knowledgeGuildIds(config), config.MOD_ROLE_IDS);
  await interaction.update({ ...formatNotice('Removing…'), components: [] });
  const { file } = await removeArticleFile(config.KNOWLEDGE_DIR, slug);
  const who = { moderator: interaction.user.id, username: interaction.user.username };
  logger.info({ ...who, file, slug }, 'article removed from Discord');
  await interaction.editReply({ content: '', ...(await reloadAfterChange(library, logger, who)) });
}

/** Titles to pick from for `/article remove`, matching what has been typed. */
export async function autocomplete(
  interaction: AutocompleteInteraction,
  { library }: CommandContext,
): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const choices = library.current.articles
    .filter((a) => a.title.toLowerCase().includes(typed) || a.slug.includes(typed))
    .slice(0, DISCORD_LIMITS.choices)
    .map((a) => ({ name: truncate(a.title, DISCORD_LIMITS.choiceName), value: a.slug }));
  await interaction.respond(choices);
}

/** Reloads after a change and reports it; a reload failure names the problem (the change stays on disk). */
async function reloadAfterChange(
  library: CommandContext['library'],
  logger: CommandContext['logger'],
  who: Record<string, string>,
) {
  try {
    const report = await library.reload();
    logger.info({ ...who, reload: report }, 'reload done');
    return formatReloadReport(report);
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    logger.warn({ ...who, problems: err.problems }, 'reload failed; previous index kept');
    return formatReloadFailure(err.problems);
  }
}

function isLocal(apiUrl: string | undefined): boolean {
  if (!apiUrl) return false;
  const { protocol, hostname } = new URL(apiUrl);
  return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}
