import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  MessageFlags,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { MAX_QUESTION_LENGTH, normaliseQuestion } from '../src/answer/question.js';
import { formatAnswer } from '../src/bot/answer-card.js';
import { truncate, withoutMarkup } from '../src/bot/discord-text.js';
import { READ_ANYWHERE, type CommandContext } from '../src/bot/load-commands.js';
import { oneAtATime } from '../src/bot/one-at-a-time.js';
import { UserError } from '../src/errors.js';

/**
 * "Ask the articles", on a message's Apps menu: asks the message's text as a question, or, for a
 * statement, shows what the articles say about it (the passages that bear on it, cited) or that they
 * do not cover it. Answered to the member who used it only: the message's author did not ask.
 */
export const data = new ContextMenuCommandBuilder()
  .setName('Ask the articles')
  .setType(ApplicationCommandType.Message)
  .setIntegrationTypes(...READ_ANYWHERE.integrationTypes)
  .setContexts(...READ_ANYWHERE.contexts)
  .toJSON();

/** The same cost as /ask, so the same cooldown. */
export const cooldown = true;

export async function execute(
  interaction: MessageContextMenuCommandInteraction,
  { library }: CommandContext,
): Promise<void> {
  const text = withoutMarkup(interaction.targetMessage.content);
  if (text.length === 0) throw new UserError('That message has no text to ask the articles about.');
  // A long message is asked about by its opening, as much as a question may hold.
  const question = normaliseQuestion(truncate(text, MAX_QUESTION_LENGTH));
  const index = library.current;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await oneAtATime(() => index.ask(question));
  const card = formatAnswer(result, index.articles);
  const statement = !/\?\s*$/.test(question);
  await interaction.editReply({
    ...card,
    // A statement is not answered but checked against the articles; what they say is shown, not judged.
    ...(statement
      ? {
          content: result.declined
            ? 'The articles do not cover what this message says.'
            : 'What the articles say about this message:',
        }
      : {}),
  });
}
