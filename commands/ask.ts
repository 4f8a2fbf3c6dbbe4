import {
  MessageFlags,
  SlashCommandBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { MAX_QUESTION_LENGTH, normaliseQuestion } from '../src/answer/question.js';
import { ASK_BUTTONS, formatAnswer, formatCitedParagraphs } from '../src/bot/answer-card.js';
import { decodeRefs } from '../src/bot/button-ids.js';
import { unescapePlain, withoutMarkup } from '../src/bot/discord-text.js';
import { formatNotice } from '../src/bot/format-reply.js';
import { READ_ANYWHERE, type CommandContext } from '../src/bot/load-commands.js';
import { oneAtATime } from '../src/bot/one-at-a-time.js';
import { UserError } from '../src/errors.js';

/** `/ask question: [private:]` — answers from the articles, citing the paragraphs it quotes. */
export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the news articles; the answer cites the paragraphs it comes from.')
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('What you want to know, e.g. "What did the spokesman say?"')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((option) =>
    option.setName('private').setDescription('Show the answer to me only (default: everyone in the channel)'),
  )
  .setIntegrationTypes(...READ_ANYWHERE.integrationTypes)
  .setContexts(...READ_ANYWHERE.contexts)
  .toJSON();

/** Answering costs an embedding and a search, so each member gets one question per cooldown window. */
export const cooldown = true;

/**
 * Checks the question before acknowledging (a refusal is then private from the start), defers (answering
 * can outlast Discord's 3-second window), then edits in the answer card.
 */
export async function execute(
  interaction: ChatInputCommandInteraction,
  { library }: CommandContext,
): Promise<void> {
  const question = normaliseQuestion(withoutMarkup(interaction.options.getString('question', true)));
  const hidden = interaction.options.getBoolean('private') ?? false;
  // Taken before acknowledging: while the bot is still indexing, the member is told so privately.
  const index = library.current;
  await interaction.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
  const result = await oneAtATime(() => index.ask(question));
  await interaction.editReply(formatAnswer(result, index.articles));
}

/**
 * The answer card's buttons. "Show sources" shows the cited paragraphs to the clicking member only, as
 * they are now. 👍/👎 record the vote with the question (read back from the card itself, which is why
 * the card's title is the question) and the citations the button carries.
 */
export async function button(
  interaction: ButtonInteraction,
  args: string[],
  { library, feedback, logger }: CommandContext,
): Promise<void> {
  const [action, first = '', refs = ''] = args;
  if (action === ASK_BUTTONS.sources) {
    await interaction.reply({
      ...formatCitedParagraphs(decodeRefs(refs), first, library.current.articles),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  if (action === ASK_BUTTONS.vote && (first === 'up' || first === 'down')) {
    const title = interaction.message.embeds[0]?.title;
    if (!title) throw new UserError('This answer can no longer take feedback.');
    const citations = decodeRefs(refs).map((r) => `${r.doc}#${r.paragraph}`);
    await feedback.record({
      vote: first,
      question: unescapePlain(title),
      citations,
      memberId: interaction.user.id,
      ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    });
    logger.info({ vote: first, citations }, 'feedback recorded');
    await interaction.reply({
      ...formatNotice(
        first === 'up' ? 'Thanks! Glad it helped.' : 'Thanks — noted. This helps improve the answers.',
      ),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  throw new UserError('This button no longer works; ask again.');
}
