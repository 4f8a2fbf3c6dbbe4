import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InteractionResponseType } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { readFeedback } from '../../src/feedback/feedback-store.js';
import { summariseFeedback } from '../../src/feedback/summarise-feedback.js';
import type { EmulatedMessage } from './discord-emulator.js';
import { E2E, startHarness, within, type Harness, harnessOnScratchKnowledge } from './harness.js';
import { guildMember } from './payloads.js';

// What a member sees and clicks: the answer card, its buttons, private answers, the message command and
// the cooldown, through the real client against the emulated Discord.

/**
 * Lines an embed takes on a phone, at 40 characters a line (a 390-point-wide screen in Discord's
 * default font): title, author, each description line wrapped, and one line per row of buttons.
 */
function phoneLines(message: EmulatedMessage): number {
  const wrapped = (text = '') =>
    text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 40)), 0);
  let lines = message.content ? wrapped(message.content) : 0;
  for (const embed of message.embeds as {
    title?: string;
    description?: string;
    author?: { name: string };
  }[]) {
    lines += (embed.title ? wrapped(embed.title) : 0) + (embed.author ? wrapped(embed.author.name) : 0);
    lines += embed.description ? wrapped(embed.description) : 0;
  }
  return lines + message.components.length;
}

type Button = { custom_id?: string; label?: string; url?: string; emoji?: { name: string } };
const buttonsOf = (message: EmulatedMessage): Button[] =>
  (message.components as { components: Button[] }[]).flatMap((row) => row.components);
const button = (message: EmulatedMessage, name: string): Button =>
  buttonsOf(message).find((b) => b.label === name || b.emoji?.name === name)!;

let h: Harness;
let knowledgeDir: string;

harnessOnScratchKnowledge((harness, dir) => {
  h = harness;
  knowledgeDir = dir;
});

async function ask(question: string): Promise<EmulatedMessage> {
  const result = await within(h.command('ask', { question }).outcome, 15_000, `/ask ${question}`);
  return result.message!;
}

describe('the answer card', E2E, () => {
  test('a multi-sentence answer fits in 15 phone lines, with its buttons', async () => {
    const card = await ask('What did Trump call Kim?');
    const description = (card.embeds[0] as { description: string }).description;
    expect(description).toContain('a pretty smart cookie');
    expect(description.split('\n').length).toBeGreaterThan(1);
    expect(phoneLines(card)).toBeLessThanOrEqual(15);
    expect(buttonsOf(card).map((b) => b.label ?? b.emoji?.name)).toEqual(['Show sources', '👍', '👎']);
  });

  test('"Show sources" shows the full cited paragraphs to the clicking member only, in answer order', async () => {
    const card = await ask('What did Trump call Kim?');
    const click = h.click(card, button(card, 'Show sources').custom_id!);
    const shown = await within(click.outcome, 15_000, 'Show sources');
    expect(shown.ackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shown.message?.ephemeral).toBe(true);
    const description = (shown.message?.embeds[0] as { description: string }).description;
    const cited = [...description.matchAll(/\*\*¶(\d+)\*\*/g)].map((m) => Number(m[1]));
    const answered = [...(card.embeds[0] as { description: string }).description.matchAll(/¶(\d+)/g)].map(
      (m) => Number(m[1]),
    );
    expect(cited).toEqual(answered);
    // The full paragraph, not the answer's excerpt of it.
    expect(description).toContain('Mr Trump told Bloomberg on Monday');
  });

  test('👍/👎 record the vote with the question, the citations and a hashed member id', async () => {
    const card = await ask('What did Spicer say?');
    const member = guildMember();
    const voted = await within(h.click(card, button(card, '👎').custom_id!, member).outcome, 15_000, '👎');
    expect(voted.message?.ephemeral).toBe(true);
    expect(voted.message?.content).toMatch(/^Thanks/);

    const { records } = await readFeedback(h.config.FEEDBACK_DIR);
    const record = records.find((r) => r.question === 'What did Spicer say?');
    expect(record).toMatchObject({ vote: 'down', citations: ['trump-kim-honoured#14'] });
    expect(record?.member).not.toBe(member.user.id);
    expect(JSON.stringify(records)).not.toContain(member.user.id);
    expect(summariseFeedback(records).mostDownVoted[0]).toMatchObject({
      question: 'What did Spicer say?',
      down: 1,
    });
  });

  test('buttons keep working after a reload, and say so when the paragraph has changed or gone', async () => {
    const card = await ask('What did Spicer say?');
    const sources = button(card, 'Show sources').custom_id!;
    const file = path.join(knowledgeDir, 'trump-kim-honoured.md');
    const original = await readFile(file, 'utf8');
    try {
      await writeFile(
        file,
        original.replace('conditions are not there right now', 'conditions are not right'),
      );
      await h.library.reload();
      const edited = await within(h.click(card, sources).outcome, 15_000, 'Show sources after an edit');
      expect(edited.message?.content).toContain('edited since this answer');
      expect(JSON.stringify(edited.message?.embeds)).toContain('conditions are not right');

      // Cut the article to its first paragraphs: ¶14 is gone.
      const [front, ...paragraphs] = original.split(/\n\n+/);
      await writeFile(file, [front, ...paragraphs.slice(0, 3)].join('\n\n'));
      await h.library.reload();
      const gone = await within(h.click(card, sources).outcome, 15_000, 'Show sources after removal');
      expect(gone.message?.ephemeral).toBe(true);
      expect(gone.message?.content).toBe(
        '¶14 of “Trump says he would be ‘honoured’ to meet North Korean leader” is no longer in the knowledge base.',
      );
    } finally {
      await writeFile(file, original);
      await h.library.reload();
    }
  });

  test('buttons keep working after a restart: a new bot answers a card the old one posted', async () => {
    const card = await ask('What did Spicer say?');
    const restarted = await startHarness({ knowledgeDir: knowledgeDir });
    try {
      const shown = await within(
        restarted.click(card, button(card, 'Show sources').custom_id!).outcome,
        15_000,
        'Show sources after a restart',
      );
      expect(shown.message?.ephemeral).toBe(true);
      expect(JSON.stringify(shown.message?.embeds)).toContain('White House spokesman Sean Spicer');
    } finally {
      await restarted.close();
    }
  });
});

describe('Ask the articles (message command)', E2E, () => {
  test('asks a message’s question and answers the member who used it, privately', async () => {
    const result = await within(
      h.messageCommand('Ask the articles', 'What did Spicer say?').outcome,
      15_000,
      'menu',
    );
    expect(result.message?.ephemeral).toBe(true);
    expect((result.message?.embeds[0] as { description: string }).description).toContain('¶14');
    expect(result.message?.content).toBe('');
  });

  test('for a statement, shows what the articles say about it, or that they do not cover it', async () => {
    const covered = await within(
      h.messageCommand('Ask the articles', 'Trump said he would be honoured to meet Kim Jong-un').outcome,
      15_000,
      'statement',
    );
    expect(covered.message?.ephemeral).toBe(true);
    expect(covered.message?.content).toBe('What the articles say about this message:');
    expect((covered.message?.embeds[0] as { description: string }).description).toContain('honoured');

    const uncovered = await within(
      h.messageCommand('Ask the articles', 'My cat prefers salmon to tuna on Sundays').outcome,
      15_000,
      'unrelated statement',
    );
    expect(uncovered.message?.content).toBe('The articles do not cover what this message says.');
  });

  test('a message with no text is refused privately, before any "thinking…"', async () => {
    const { interaction, outcome } = h.messageCommand('Ask the articles', '   ');
    const result = await within(outcome, 15_000, 'empty message');
    expect(result.ackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(result.message?.ephemeral).toBe(true);
    expect(result.message?.content).toContain('no text');
    expect(h.emulator.requestsFor(interaction)).toHaveLength(1);
  });
});

describe('the cooldown', E2E, () => {
  test('refuses a second question privately at once, with when to ask again as a Discord timestamp', async () => {
    const slow = await startHarness({ env: () => ({ ASK_COOLDOWN_SECONDS: '30' }) });
    try {
      const member = guildMember();
      await within(
        slow.command('ask', { question: 'What did Spicer say?' }, member).outcome,
        15_000,
        'first',
      );
      const { interaction, outcome } = slow.command('ask', { question: 'What did Trump say?' }, member);
      const result = await within(outcome, 15_000, 'second');
      expect(result.message?.ephemeral).toBe(true);
      expect(result.message?.content).toMatch(/You can ask again <t:\d+:R>\.$/);
      const at = Number(/<t:(\d+):R>/.exec(result.message!.content)![1]);
      expect(at * 1000 - Date.now()).toBeGreaterThan(20_000);
      expect(slow.emulator.requestsFor(interaction)).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});
