import { readdir, readFile } from 'node:fs/promises';
import { ApplicationCommandOptionType, InteractionResponseType } from 'discord.js';
import { describe, expect, test } from 'vitest';
import type { EmulatedMessage } from './discord-emulator.js';
import { E2E, startHarness, within, type Harness, harnessOnScratchKnowledge } from './harness.js';
import {
  attachmentOption,
  chatInputInteraction,
  guildMember,
  MEMBER_PERMISSIONS,
  stringOption,
  moderator,
} from './payloads.js';

// Moderators managing the knowledge base from Discord: /article add, remove and list, through the real
// client; the attachment is downloaded from the emulated CDN like Discord's.

const HARBOUR = 'test/fixtures/two-articles/harbour-reopens.md';
const WEB_SAVED = 'test/fixtures/web-saved/transit-strike.txt';

let h: Harness;
let knowledgeDir: string;

harnessOnScratchKnowledge((harness, dir) => {
  h = harness;
  knowledgeDir = dir;
});

const files = async () => (await readdir(knowledgeDir)).sort();

/** `/article add file:<name>` with `bytes` on the emulated CDN. */
function add(
  name: string,
  bytes: Buffer,
  options: {
    declaredSize?: number;
    dripMs?: number;
    replace?: boolean;
    member?: ReturnType<typeof guildMember>;
  } = {},
  harness: Harness = h,
) {
  const { option, resolved } = attachmentOption('file', harness.emulator.addAttachment(name, bytes, options));
  const extra =
    options.replace === undefined
      ? []
      : [{ name: 'replace', type: ApplicationCommandOptionType.Boolean as const, value: options.replace }];
  return harness.dispatch(
    chatInputInteraction(harness.emulator.world, {
      commandId: harness.emulator.commandId('article'),
      name: 'article',
      options: [{ name: 'add', type: ApplicationCommandOptionType.Subcommand, options: [option, ...extra] }],
      resolved,
      member: options.member ?? moderator(),
    }),
  );
}

function subcommand(
  name: 'remove' | 'list',
  options: { article?: string; member?: ReturnType<typeof guildMember> } = {},
) {
  return h.dispatch(
    chatInputInteraction(h.emulator.world, {
      commandId: h.emulator.commandId('article'),
      name: 'article',
      options: [
        {
          name,
          type: ApplicationCommandOptionType.Subcommand,
          options: options.article ? [stringOption('article', options.article)] : [],
        },
      ],
      member: options.member ?? moderator(),
    }),
  );
}

/** Everything a message says, content and embeds, as one text. */
const describedBy = (message: EmulatedMessage | undefined): string => {
  const embeds = (message?.embeds ?? []) as { title?: string; description?: string }[];
  return [message?.content ?? '', ...embeds.map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join(
    '\n',
  );
};

describe('/article add', E2E, () => {
  test('adds a good .md file, reloads, reports it to the moderator alone, and /ask answers from it', async () => {
    const { outcome } = add('harbour-reopens.md', await readFile(HARBOUR));
    const result = await within(outcome, 30_000, '/article add');
    expect(result.message?.ephemeral).toBe(true);
    expect(describedBy(result.message)).toContain('**Added:** `harbour-reopens`');
    expect(await files()).toContain('harbour-reopens.md');
    expect(h.logs.find('article added from Discord')[0]).toMatchObject({
      username: 'mod_alice',
      slug: 'harbour-reopens',
    });

    const answer = await within(
      h.command('ask', { question: 'How much did the harbour repairs cost?' }).outcome,
      15_000,
      '/ask',
    );
    expect(describedBy(answer.message)).toContain('£2 million');
  });

  test('adds a .txt saved from a news page', async () => {
    const result = await within(
      add('transit-strike.txt', await readFile(WEB_SAVED)).outcome,
      30_000,
      'add .txt',
    );
    expect(describedBy(result.message)).toContain('**Added:** `transit-strike`');
  });

  test('refuses a broken file naming the problem, and changes nothing', async () => {
    const before = await files();
    const articles = h.library.current.stats.articles;
    const result = await within(
      add('broken.md', Buffer.from('no front matter here')).outcome,
      15_000,
      'broken',
    );
    expect(result.message?.ephemeral).toBe(true);
    expect(describedBy(result.message)).toContain('broken.md: has no front matter');
    expect(await files()).toEqual(before);
    expect(h.library.current.stats.articles).toBe(articles);
  });

  test('refuses a file Discord says is over 512 KiB before downloading it', async () => {
    const { interaction, outcome } = add('huge.md', Buffer.from('tiny'), { declaredSize: 600 * 1024 });
    const result = await within(outcome, 15_000, 'over-size');
    expect(result.ackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(result.message?.ephemeral).toBe(true);
    expect(result.message?.content).toMatch(/at most 512 KiB/);
    expect(h.emulator.requestsFor(interaction)).toHaveLength(1);
  });

  test('stops a download that turns out larger than declared', async () => {
    const big = Buffer.alloc(700 * 1024, 'a');
    const result = await within(add('sneaky.md', big, { declaredSize: 10 }).outcome, 30_000, 'sneaky');
    expect(describedBy(result.message)).toMatch(/larger than 512 KiB/);
    expect(await files()).not.toContain('sneaky.md');
  });

  test('gives up on a download slower than 10 seconds, saying so', async () => {
    const slow = await readFile(HARBOUR);
    const result = await within(add('slow.md', slow, { dripMs: 50 }).outcome, 30_000, 'slow download');
    expect(describedBy(result.message)).toMatch(/longer than 10 s/);
    expect(await files()).not.toContain('slow.md');
  });

  test('is refused to a member who is not a moderator, and outside the servers listed', async () => {
    const member = guildMember({ permissions: MEMBER_PERMISSIONS });
    const refused = await within(add('x.md', await readFile(HARBOUR), { member }).outcome, 15_000, 'member');
    expect(refused.message?.content).toMatch(/^Only moderators/);

    const elsewhere = await startHarness({
      knowledgeDir: knowledgeDir,
      env: () => ({ KNOWLEDGE_GUILD_IDS: '123456789012345678' }),
    });
    try {
      const outside = await within(
        add('x.md', await readFile(HARBOUR), {}, elsewhere).outcome,
        15_000,
        'outside',
      );
      expect(outside.message?.ephemeral).toBe(true);
      expect(outside.message?.content).toContain('KNOWLEDGE_GUILD_IDS');
      const reload = await within(
        elsewhere.command('reload', {}, moderator()).outcome,
        15_000,
        '/reload outside',
      );
      expect(reload.message?.content).toContain('KNOWLEDGE_GUILD_IDS');
    } finally {
      await elsewhere.close();
    }
    expect(await files()).not.toContain('x.md');
  });
});

describe('/article remove and list', E2E, () => {
  test('asks to confirm; "Keep it" changes nothing, "Remove it" removes the file and reloads', async () => {
    const asked = await within(subcommand('remove', { article: 'transit-strike' }).outcome, 15_000, 'remove');
    expect(asked.message?.ephemeral).toBe(true);
    expect(asked.message?.content).toMatch(/^Remove “.*” \(transit-strike\.txt\)/);
    const buttons = (
      asked.message!.components as { components: { custom_id: string; label: string }[] }[]
    )[0]!.components;

    const kept = await within(
      h.click(asked.message!, buttons.find((b) => b.label === 'Keep it')!.custom_id, moderator()).outcome,
      15_000,
      'keep',
    );
    expect(kept.ackType).toBe(InteractionResponseType.UpdateMessage);
    expect(kept.message?.content).toBe('Nothing was removed.');
    expect(await files()).toContain('transit-strike.txt');

    const again = await within(
      subcommand('remove', { article: 'transit-strike' }).outcome,
      15_000,
      'remove again',
    );
    const remove = (
      again.message!.components as { components: { custom_id: string; label: string }[] }[]
    )[0]!.components.find((b) => b.label === 'Remove it')!;
    const { outcome } = h.click(again.message!, remove.custom_id, moderator());
    await within(outcome, 15_000, 'confirm');
    await expect
      .poll(() => describedBy(again.message), { timeout: 30_000 })
      .toContain('**Removed:** `transit-strike`');
    expect(await files()).not.toContain('transit-strike.txt');
    expect(h.logs.find('article removed from Discord')[0]).toMatchObject({ slug: 'transit-strike' });
  });

  test('lists the article files, privately', async () => {
    const result = await within(subcommand('list').outcome, 15_000, 'list');
    expect(result.message?.ephemeral).toBe(true);
    expect(describedBy(result.message)).toContain(
      'harbour-reopens.md: **Harbour reopens after winter storm**',
    );
  });
});
