import { cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ArticleIndex } from '../../src/engine/build-index.js';
import { loadEvidence, saveEvidence } from '../../src/engine/evidence-store.js';
import { Library } from '../../src/engine/library.js';
import { fileStampOf } from '../../src/knowledge/load-knowledge.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { VectorCache } from '../../src/embedding/vector-cache.js';
import { capturingLogger } from '../embedding/capturing-logger.js';

// The saved evidence lets a start-up read each unchanged article's parse, words, postings and vectors
// instead of computing them. These tests start a library twice over the same folder and check that the
// second start reads (nothing embedded, even with the vector cache gone) and answers exactly as the first,
// and that a damaged or foreign file is discarded with a log line and the index built as if it were absent.

const QUESTIONS = [
  'How much did the harbour repairs cost?',
  'What did the council say about the library?',
  'Who runs the harbour?',
  'What is the capital of Peru?',
];

let embedder: Embedder;
let dir: string;

beforeAll(async () => {
  embedder = await openEmbedder(loadConfig({}));
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'evidence-'));
  await cp('test/fixtures/two-articles', path.join(dir, 'knowledge'), { recursive: true });
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const evidenceDir = () => path.join(dir, 'evidence');
const evidenceFile = () => path.join(evidenceDir(), 'evidence.bin');

/** Opens a library over the folder as the bot does, counting the texts the model is asked to embed. */
async function start(logger = capturingLogger().logger): Promise<{ library: Library; embedded: number }> {
  let embedded = 0;
  const counting: Embedder = {
    modelId: embedder.modelId,
    embed: (texts) => {
      embedded += texts.length;
      return embedder.embed(texts);
    },
  };
  const library = await Library.open({
    knowledgeDir: path.join(dir, 'knowledge'),
    embedder: counting,
    logger,
    cache: await VectorCache.open(path.join(dir, 'vectors'), embedder.modelId),
    evidenceDir: evidenceDir(),
  });
  return { library, embedded };
}

async function answers(library: Library): Promise<unknown[]> {
  return Promise.all(QUESTIONS.map((q) => library.current.ask(q)));
}

describe('saved evidence', () => {
  it('is read by the next start-up, which then embeds nothing and answers the same', async () => {
    const first = await start();
    expect(first.embedded).toBeGreaterThan(0);
    // Without the vector cache, anything not read from the evidence would have to be embedded again.
    await rm(path.join(dir, 'vectors'), { recursive: true });
    const second = await start();
    expect(second.embedded).toBe(0);
    expect(await answers(second.library)).toEqual(await answers(first.library));
    const [a, b] = [first.library.current, second.library.current] as ArticleIndex[];
    expect(b!.stats).toEqual(a!.stats);
  });

  it('keeps unchanged articles and indexes an edited one again, then saves the new state', async () => {
    await start();
    const file = path.join(dir, 'knowledge', 'harbour-reopens.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('about £2 million', 'about £3 million'));
    const edited = await start();
    expect(edited.embedded).toBeGreaterThan(0);
    expect((await edited.library.current.ask('How much did the harbour repairs cost?')).answer).toContain(
      '£3 million',
    );
    await rm(path.join(dir, 'vectors'), { recursive: true });
    expect((await start()).embedded).toBe(0);
  });

  it("carries each article's file stamp, so a start-up need not read unchanged files again", async () => {
    const { library } = await start();
    const saved = await loadEvidence(evidenceDir(), {
      model: embedder.modelId,
      logger: capturingLogger().logger,
    });
    const stamps = saved!.evidence.map((e) => fileStampOf(e.article));
    expect(stamps).toEqual(library.current.articles.map((a) => fileStampOf(a)));
    expect(stamps.every((s) => typeof s === 'string')).toBe(true);
  });

  // The edit the reload tests make, and whether the saved evidence holds it.
  const EDIT = 'The mayor welcomed the decision.';
  const addSentence = async () => {
    const file = path.join(dir, 'knowledge', 'library-budget.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\n${EDIT}\n`);
  };
  const savedHasEdit = async () =>
    (
      await loadEvidence(evidenceDir(), { model: embedder.modelId, logger: capturingLogger().logger })
    )?.evidence.some((e) => e.article.paragraphs.some((p) => p.text.includes(EDIT))) ?? false;

  it('is saved again after a reload that changed an article', async () => {
    const { library } = await start();
    await addSentence();
    await library.reload();
    await expect.poll(savedHasEdit).toBe(true);
  });

  it('is left to the process that built the change when a reload follows another one (saved elsewhere)', async () => {
    const { library } = await start();
    const before = await readFile(evidenceFile());
    await addSentence();
    await library.reload({ caches: 'saved elsewhere' });
    // A reload of its own writes the file within milliseconds (the test above); this one never does.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await readFile(evidenceFile())).equals(before)).toBe(true);
    expect((await library.current.ask('Who welcomed the decision?')).answer).toContain('mayor');
  });

  it('waits for saveEvidence() after a reload that leaves the moment to its caller (when asked)', async () => {
    const { library } = await start();
    const before = await readFile(evidenceFile());
    await addSentence();
    await library.reload({ caches: 'evidence when asked' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await readFile(evidenceFile())).equals(before)).toBe(true);
    await library.saveEvidence();
    expect(await savedHasEdit()).toBe(true);
  });

  it('is discarded with a warning when a byte of it changed, and the index is built as without it', async () => {
    const first = await start();
    const bytes = await readFile(evidenceFile());
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    await writeFile(evidenceFile(), bytes);
    const { logger, warnings } = capturingLogger();
    const second = await start(logger);
    expect(warnings().some((l) => /does not match its checksum/.test(l.msg))).toBe(true);
    expect(await answers(second.library)).toEqual(await answers(first.library));
  });

  it('is discarded when cut short, made by other code or for another model', async () => {
    const first = await start();
    const bytes = await readFile(evidenceFile());
    const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8');
    const variants = {
      'cut short': Buffer.concat([bytes.subarray(0, bytes.length / 2)]),
      'other code': Buffer.concat([
        Buffer.from(header.replace(/"version":"[0-9a-f]+"/, '"version":"0000"')),
        bytes.subarray(header.length),
      ]),
      'another model': Buffer.concat([
        Buffer.from(header.replace(/"model":"[^"]+"/, '"model":"other/model"')),
        bytes.subarray(header.length),
      ]),
      'no header': Buffer.from('not a header\n'),
    };
    for (const [what, variant] of Object.entries(variants)) {
      await writeFile(evidenceFile(), variant);
      const { logger, lines } = capturingLogger();
      const again = await start(logger);
      expect(
        lines.some((l) => /saved evidence/.test(l.msg)),
        what,
      ).toBe(true);
      expect(await answers(again.library), what).toEqual(await answers(first.library));
    }
  });

  it('leaves out an article whose evidence does not fit it, which is then indexed again', async () => {
    const first = await start();
    const saved = (await loadEvidence(evidenceDir(), {
      model: embedder.modelId,
      logger: capturingLogger().logger,
    }))!;
    const [damaged, intact] = saved.evidence;
    // A consistent file (the checksum is the writer's own) whose first article lost a sentence's words.
    await saveEvidence(
      evidenceDir(),
      { ...saved, evidence: [{ ...damaged!, sentenceWords: damaged!.sentenceWords.slice(1) }, intact!] },
      embedder.modelId,
    );
    const { logger, warnings } = capturingLogger();
    const reloaded = await loadEvidence(evidenceDir(), { model: embedder.modelId, logger });
    expect(reloaded?.evidence.map((e) => e.article.slug)).toEqual([intact!.article.slug]);
    expect(warnings().some((l) => /has words for/.test(l.msg))).toBe(true);
    const second = await start();
    expect(await answers(second.library)).toEqual(await answers(first.library));
  });

  it('reads back exactly what was saved when the file spans many read chunks', async () => {
    await start();
    const logger = capturingLogger().logger;
    const saved = (await loadEvidence(evidenceDir(), { model: embedder.modelId, logger }))!;
    // Enough copies to pass several 8 MB chunks, so records are cut across chunk boundaries.
    const many = Array.from({ length: 1600 }, (_, i) => saved.evidence[i % saved.evidence.length]!);
    await saveEvidence(evidenceDir(), { ...saved, evidence: many }, embedder.modelId);
    const back = (await loadEvidence(evidenceDir(), { model: embedder.modelId, logger }))!;
    expect((await readFile(evidenceFile())).length).toBeGreaterThan(16 * 1024 * 1024);
    expect(back.evidence).toEqual(many);
    expect(back.termVectors.rows).toEqual(saved.termVectors.rows);
  });

  it('removes the temporary file of a save that never finished, once it is old, and no other', async () => {
    await start();
    const abandoned = path.join(evidenceDir(), 'evidence.bin.abandoned.tmp');
    const recent = path.join(evidenceDir(), 'evidence.bin.in-progress.tmp');
    await writeFile(abandoned, 'half a file');
    await writeFile(recent, 'half a file');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(abandoned, anHourAgo, anHourAgo);
    const logger = capturingLogger().logger;
    const saved = (await loadEvidence(evidenceDir(), { model: embedder.modelId, logger }))!;
    await saveEvidence(evidenceDir(), saved, embedder.modelId);
    expect((await readdir(evidenceDir())).sort()).toEqual(['evidence.bin', 'evidence.bin.in-progress.tmp']);
  });
});
