import { describe, expect, test } from 'vitest';
import { formatAnswer, formatCitedParagraphs } from '../../src/bot/answer-card.js';
import { decodeRefs, textStamp } from '../../src/bot/button-ids.js';
import { DISCORD_LIMITS } from '../../src/bot/discord-text.js';
import type { Article } from '../../src/knowledge/types.js';
import {
  actions,
  answer,
  article,
  ARTICLES,
  buttons,
  citation,
  expectWithinLimits,
  hasLink,
  only,
  rendered,
} from './reply-fixtures.js';

const harbour = (paragraph: number, text = `Paragraph ${paragraph} of the harbour story.`) =>
  citation({
    id: `harbour-reopens#${paragraph}`,
    doc: 'harbour-reopens',
    title: ARTICLES[1]!.title,
    paragraph,
    text,
    url: 'https://example.com/harbour-reopens',
  });

describe('formatAnswer: the answer card', () => {
  test('shows the question, the article once, and each quoted passage with its ¶ — no internal ids', () => {
    const reply = formatAnswer(answer(), ARTICLES);
    const embed = only(reply);
    expect(embed.title).toBe('What did Spicer say?');
    expect(embed.author).toEqual({ name: 'Trump says he would be ‘honoured’ to meet North Korean leader' });
    expect(embed.description).toBe('Sean Spicer said that “conditions are not there right now”.\u00a0¶14');
    expect(embed.fields ?? []).toEqual([]);
    expect(embed.footer).toBeUndefined();
    expect(JSON.stringify(embed)).not.toContain('trump-kim-honoured');
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  test('gives consecutive passages of one paragraph one line and one ¶', () => {
    const reply = formatAnswer(
      answer({
        parts: [
          { text: 'The harbour reopened.', citation: 'harbour-reopens#2' },
          { text: 'Boats came back.', citation: 'harbour-reopens#2' },
          { text: 'Repairs cost £2 million.', citation: 'harbour-reopens#5' },
        ],
        citations: [harbour(2), harbour(5)],
      }),
      ARTICLES,
    );
    expect(only(reply).description).toBe(
      'The harbour reopened. Boats came back.\u00a0¶2\nRepairs cost £2 million.\u00a0¶5',
    );
  });

  test('carries Show sources and 👍/👎 buttons whose ids hold the citations, and no link without a url', () => {
    const reply = formatAnswer(answer(), ARTICLES);
    const ids = actions(reply);
    expect(ids.map((b) => b.label)).toEqual(['Show sources', '👍', '👎']);
    expect(ids[0]!.id).toBe(`ask:sources:${textStamp([citation().text])}:trump-kim-honoured.14`);
    expect(ids[1]!.id).toBe('ask:vote:up:trump-kim-honoured.14');
    expect(ids[2]!.id).toBe('ask:vote:down:trump-kim-honoured.14');
    expect(buttons(reply)).toEqual([]);
  });

  test('links the article from its title and a "Read the article" button, never with Markdown', () => {
    const reply = formatAnswer(
      answer({
        parts: [{ text: 'The harbour reopened.', citation: 'harbour-reopens#2' }],
        citations: [harbour(2)],
      }),
      ARTICLES,
    );
    expect(only(reply).author).toEqual({
      name: 'Harbour reopens after winter storm',
      url: 'https://example.com/harbour-reopens',
    });
    expect(buttons(reply)).toEqual([
      { label: 'Read the article', url: 'https://example.com/harbour-reopens' },
    ]);
    expect(hasLink(only(reply).description)).toBe(false);
  });

  test('an article address that tries to open a second link is only ever a link target', () => {
    const url = 'https://example.com/a)[x](https://evil.example';
    const reply = formatAnswer(answer(), [{ ...ARTICLES[0]!, url }]);
    expect(buttons(reply)).toEqual([{ label: 'Read the article', url }]);
    expect(hasLink(only(reply).description)).toBe(false);
  });

  test('gives no link for an address Discord would refuse (over 512 characters)', () => {
    const url = `https://example.com/${'a'.repeat(600)}`;
    const reply = formatAnswer(answer(), [{ ...ARTICLES[0]!, url }]);
    expect(buttons(reply)).toEqual([]);
    expect(only(reply).author?.url).toBeUndefined();
  });

  test('answers in reading order; a supporting paragraph it does not quote gets a one-line excerpt', () => {
    const result = answer({
      parts: [
        { text: 'First it rained.', citation: 'harbour-reopens#2' },
        { text: 'Then the harbour reopened.', citation: 'harbour-reopens#5' },
      ],
      // Best first, as the engine gives them: ¶5 outscored ¶2, and ¶9 supports without being quoted.
      citations: [harbour(5), harbour(2), harbour(9, `${'The repairs took all winter. '.repeat(10)}`)],
    });
    const embed = only(formatAnswer(result, ARTICLES));
    const [first, second, also] = embed.description!.split('\n');
    expect(first).toBe('First it rained.\u00a0¶2');
    expect(second).toBe('Then the harbour reopened.\u00a0¶5');
    expect(also).toMatch(/^-# Also ¶9 The repairs took all winter\. .*…$/);
    expect(also!.length).toBeLessThan(120);
    // Show sources lists them in the same order.
    const sources = actions(formatAnswer(result, ARTICLES))[0]!.id;
    expect(decodeRefs(sources.split(':')[3]!)).toEqual([
      { doc: 'harbour-reopens', paragraph: 2 },
      { doc: 'harbour-reopens', paragraph: 5 },
      { doc: 'harbour-reopens', paragraph: 9 },
    ]);
  });

  test('keeps a long answer short: the weakest passages beyond ~9 phone lines shrink to an excerpt', () => {
    const long = (n: number) => `Passage ${n} ${'goes on and on '.repeat(10)}end.`;
    const result = answer({
      parts: [2, 5, 9].map((n) => ({ text: long(n), citation: `harbour-reopens#${n}` })),
      citations: [harbour(5), harbour(9), harbour(2)].map((c, i) => ({ ...c, score: 1 - i / 10 })),
    });
    const lines = only(formatAnswer(result, ARTICLES)).description!.split('\n');
    // ¶2 scored lowest: it is pointed to, not quoted; reading order is kept for the others.
    expect(lines.map((l) => /¶\d+/.exec(l)?.[0])).toEqual(['¶5', '¶9', '¶2']);
    expect(lines[2]).toMatch(/^-# Also ¶2 Passage 2 goes on .*…$/);
    expect(lines[2]!.length).toBeLessThan(90);
  });

  test('an answer from several articles names each article above its passages', () => {
    const result = answer({
      parts: [
        { text: 'Spicer spoke.', citation: 'trump-kim-honoured#14' },
        { text: 'The harbour reopened.', citation: 'harbour-reopens#2' },
      ],
      citations: [citation(), harbour(2)],
    });
    const embed = only(formatAnswer(result, ARTICLES));
    expect(embed.author).toEqual({ name: 'From 2 articles' });
    expect(embed.description).toBe(
      '**Trump says he would be ‘honoured’ to meet North Korean leader**\nSpicer spoke.\u00a0¶14\n' +
        '**Harbour reopens after winter storm**\nThe harbour reopened.\u00a0¶2',
    );
  });

  test('stays inside every Discord limit, and every button id inside 100 characters, however long', () => {
    const slug = `a-${'long-slug-'.repeat(5)}x`;
    const long: Article = article(slug, 'T'.repeat(300), `https://example.com/${'p'.repeat(400)}`);
    const cites = Array.from({ length: 30 }, (_, i) =>
      citation({
        id: `${slug}#${i + 1}`,
        doc: slug,
        paragraph: i + 1,
        title: long.title,
        text: 'x'.repeat(2000),
      }),
    );
    const huge = answer({
      question: 'why '.repeat(200),
      answer: 'because '.repeat(1000),
      parts: cites.map((c) => ({ text: 'because '.repeat(300), citation: c.id })),
      citations: cites,
    });
    const reply = formatAnswer(huge, [long]);
    expectWithinLimits(only(reply));
    for (const { id } of actions(reply)) expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    // As many citations as fit, from the first.
    expect(decodeRefs(actions(reply)[0]!.id.split(':')[3]!)[0]).toEqual({ doc: slug, paragraph: 1 });
  });

  test('escapes Markdown in the question, so it is shown as typed', () => {
    const embed = only(formatAnswer(answer({ question: 'Was it **really** _said_?' }), ARTICLES));
    expect(embed.title).toBe('Was it \\*\\*really\\*\\* \\_said\\_?');
  });

  test('a masked link or a bare address in the question is shown as typed, never as a link', () => {
    for (const question of [
      'What did [FREE NITRO](https://evil.example/phish) say?',
      'Is [a [b] c](https://evil.example) or [x](<https://evil.example>) true?',
      'Is https://evil.example/phish_now or x_https://evil.example real?',
    ]) {
      const embed = only(formatAnswer(answer({ question }), ARTICLES));
      expect(hasLink(embed.title)).toBe(false);
      expect(rendered(embed.title)).toBe(question);
    }
  });

  test('a masked link in the quoted article text or the decline is not a link', () => {
    const phish = '[FREE NITRO](https://evil.example/phish)';
    const quoted = only(
      formatAnswer(
        answer({ parts: [{ text: `He said ${phish}.`, citation: 'trump-kim-honoured#14' }] }),
        ARTICLES,
      ),
    );
    expect(hasLink(quoted.description)).toBe(false);
    expect(rendered(quoted.description)).toBe(`He said ${phish}.\u00a0¶14`);
    const declined = only(
      formatAnswer(answer({ declined: true, parts: [], citations: [], answer: phish }), ARTICLES),
    );
    expect(hasLink(declined.description)).toBe(false);
  });

  test('article text that opens with heading, quote, list or subtext Markdown is shown as plain text', () => {
    const cases = [
      ['# BREAKING', '\\# BREAKING'],
      ['> quoted', '\\> quoted'],
      ['>>> all of it', '\\>>> all of it'],
      ['-# small print', '\\-# small print'],
      ['- item', '\\- item'],
      ['1. first', '1\\. first'],
    ];
    for (const [text, escaped] of cases) {
      const parts = [{ text: text!, citation: 'trump-kim-honoured#14' }];
      expect(only(formatAnswer(answer({ parts }), ARTICLES)).description).toBe(`${escaped}\u00a0¶14`);
    }
  });

  test('gives no Show sources button when not even one citation fits its id', () => {
    const slug = `s-${'x'.repeat(90)}`;
    const reply = formatAnswer(
      answer({
        parts: [{ text: 'Yes.', citation: `${slug}#1` }],
        citations: [citation({ id: `${slug}#1`, doc: slug, paragraph: 1 })],
      }),
      [article(slug, 'Long')],
    );
    expect(actions(reply).map((b) => b.label)).toEqual(['👍', '👎']);
  });

  test('a decline says why, with 👍/👎 (a wrong decline is worth hearing about) and no sources button', () => {
    const reply = formatAnswer(
      answer({ declined: true, answer: 'The articles do not say.', parts: [], citations: [] }),
      ARTICLES,
    );
    const embed = only(reply);
    expect(embed.description).toBe('The articles do not say.');
    expect(embed.author).toBeUndefined();
    expect(actions(reply)).toEqual([
      { label: '👍', id: 'ask:vote:up:' },
      { label: '👎', id: 'ask:vote:down:' },
    ]);
  });
});

describe('formatCitedParagraphs: "Show sources"', () => {
  const text = (n: number) => `Full text of paragraph ${n}.`;
  const story: Article = {
    ...ARTICLES[1]!,
    paragraphs: [2, 5, 9].map((number) => ({
      id: `harbour-reopens#${number}`,
      number,
      text: text(number),
      sentences: [],
    })),
  } as unknown as Article;

  test('shows the full paragraphs in the order given, under the article’s linked title', () => {
    const refs = [5, 2].map((paragraph) => ({ doc: 'harbour-reopens', paragraph }));
    const reply = formatCitedParagraphs(refs, textStamp([text(5), text(2)]), [story]);
    expect(reply.content).toBeUndefined();
    expect(only(reply)).toMatchObject({
      author: { name: 'Harbour reopens after winter storm', url: 'https://example.com/harbour-reopens' },
      description: `**¶5** ${text(5)}\n\n**¶2** ${text(2)}`,
    });
  });

  test('says when the paragraphs were edited since the answer, and shows them as they are now', () => {
    const refs = [{ doc: 'harbour-reopens', paragraph: 2 }];
    const reply = formatCitedParagraphs(refs, textStamp(['What ¶2 said then.']), [story]);
    expect(reply.content).toContain('edited since this answer');
    expect(only(reply).description).toBe(`**¶2** ${text(2)}`);
  });

  test('names a paragraph or article that is gone instead of failing', () => {
    const refs = [
      { doc: 'harbour-reopens', paragraph: 40 },
      { doc: 'removed-story', paragraph: 1 },
    ];
    const reply = formatCitedParagraphs(refs, 'whatever', [story]);
    expect(reply.content).toBe(
      '¶40 of “Harbour reopens after winter storm”, ¶1 of an article are no longer in the knowledge base.',
    );
    expect(reply.embeds).toEqual([]);
  });

  test('keeps every embed of the message together inside Discord’s 6,000-character total', () => {
    const articles = Array.from({ length: 4 }, (_, i) => ({
      ...story,
      slug: `s${i}`,
      paragraphs: [{ id: `s${i}#1`, number: 1, text: 'y'.repeat(3000), sentences: [] }],
    })) as unknown as Article[];
    const reply = formatCitedParagraphs(
      articles.map((a) => ({ doc: a.slug, paragraph: 1 })),
      '',
      articles,
    );
    const total = reply.embeds!.reduce(
      (sum, e) => sum + (e.description?.length ?? 0) + (e.author?.name.length ?? 0),
      0,
    );
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });
});
