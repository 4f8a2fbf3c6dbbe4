import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../src/answer/question.js';
import { formatAnswer } from '../src/bot/format-reply.js';
import type { CommandContext } from '../src/bot/load-commands.js';

/** `/ask question:` — answers from the articles, citing the paragraphs it quotes. */
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
  .toJSON();

/** Answering costs an embedding and a search, so each user gets one question per cooldown window. */
export const cooldown = true;

/** Defers at once (answering can outlast Discord's 3-second window), then edits in the cited answer. */
export async function execute(
  interaction: ChatInputCommandInteraction,
  { library }: CommandContext,
): Promise<void> {
  const question = interaction.options.getString('question', true);
  await interaction.deferReply();
  const index = library.current;
  const result = await index.ask(question);
  await interaction.editReply(formatAnswer(result, index.articles));
}
