import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { evidence, MIN_EVIDENCE } from '../answer/compose-answer.js';
import { normaliseQuestion } from '../answer/question.js';
import type { RetrievalMode } from '../answer/retrieve.js';
import { loadConfig } from '../config.js';
import { buildKnowledgeIndex, type ArticleIndex } from '../engine/build-index.js';
import { openEmbedder } from '../engine/open-library.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { evaluateQuotes } from '../quotes/evaluate-quotes.js';

const evalSchema = z.object({
  ask: z.array(z.object({ q: z.string(), gold: z.array(z.number().int()) })),
  offtopic: z.array(z.string()),
  quote: z.record(z.string(), z.array(z.string())).optional(),
  mentioned_not_quoted: z.array(z.string()).optional(),
});

const MODES: RetrievalMode[] = ['lexical', 'dense', 'hybrid'];

/** `npm run eval [-- --file path --verbose]`: retrieval, decline and quote metrics in one run. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', multiple: true, default: ['test/fixtures/calibration/seed-calibration.json'] },
      verbose: { type: 'boolean', short: 'v', default: false },
    },
  });
  const files = await Promise.all(
    values.file.map(async (f) => evalSchema.parse(JSON.parse(await readFile(f, 'utf8')))),
  );
  const data = {
    ask: files.flatMap((f) => f.ask),
    offtopic: files.flatMap((f) => f.offtopic),
    quote: files[0]?.quote,
    mentioned_not_quoted: files[0]?.mentioned_not_quoted,
  };
  const config = loadConfig();
  const articles = await loadKnowledge(config.KNOWLEDGE_DIR);
  const { index } = await buildKnowledgeIndex(articles, await openEmbedder(config));

  console.log(
    `Eval: ${values.file.join(', ')} — ${data.ask.length} on-topic, ${data.offtopic.length} off-topic questions`,
  );
  console.log(
    `Knowledge: ${config.KNOWLEDGE_DIR} (${index.stats.articles} articles), model ${config.EMBEDDING_MODEL}\n`,
  );
  console.log('mode      R@1    R@3    MRR');
  for (const mode of MODES) {
    const ranks = await Promise.all(data.ask.map((item) => goldRank(index, item.q, item.gold, mode)));
    const recallAt = (k: number) => ranks.filter((r) => r <= k).length / ranks.length;
    const mrr = ranks.reduce((sum, r) => sum + (Number.isFinite(r) ? 1 / r : 0), 0) / ranks.length;
    console.log(`${mode.padEnd(9)} ${fmt(recallAt(1))}  ${fmt(recallAt(3))}  ${fmt(mrr)}`);
    if (values.verbose && mode === 'hybrid') {
      data.ask.forEach(
        (item, i) => ranks[i] !== 1 && console.log(`   miss (rank ${ranks[i]}): ${item.q} gold ${item.gold.join(', ')}`),
      );
    }
  }

  const onTopic = await Promise.all(
    data.ask.map(async (item) => ({
      q: item.q,
      result: await index.ask(item.q),
      ranking: await index.rank(normaliseQuestion(item.q)),
    })),
  );
  const offTopic = await Promise.all(
    data.offtopic.map(async (q) => ({
      q,
      result: await index.ask(q),
      ranking: await index.rank(normaliseQuestion(q)),
    })),
  );
  const wronglyDeclined = onTopic.filter((r) => r.result.declined);
  const declinedOff = offTopic.filter((r) => r.result.declined);
  console.log(
    `\nDeclines: off-topic declined ${declinedOff.length}/${offTopic.length}; on-topic wrongly declined ${wronglyDeclined.length}/${onTopic.length}`,
  );
  const evidenceOf = (rs: typeof onTopic) => rs.map((r) => evidence(r.ranking));
  console.log(
    `  evidence on-topic min ${fmt(Math.min(...evidenceOf(onTopic)))}; off-topic max ${fmt(Math.max(...evidenceOf(offTopic)))}`,
  );
  console.log(
    `  evidence threshold in use ${MIN_EVIDENCE}; suggested by this data ${fmt(suggestThreshold(evidenceOf(onTopic), evidenceOf(offTopic)))}`,
  );
  for (const r of wronglyDeclined)
    console.log(`   wrongly declined: ${r.q} (evidence ${fmt(evidence(r.ranking))})`);
  for (const r of offTopic.filter((x) => !x.result.declined))
    console.log(`   answered off-topic: ${r.q} (evidence ${fmt(evidence(r.ranking))})`);
  if (data.quote) {
    const q = evaluateQuotes(index.quoteIndex, {
      quote: data.quote,
      mentioned_not_quoted: data.mentioned_not_quoted ?? [],
    });
    console.log(
      `\nQuotes: precision ${fmt(q.precision)} (${q.correct}/${q.attributed} attributed quotes right), recall ${fmt(q.recall)} (${q.correct}/${q.gold})`,
    );
    const silentOk = q.mentionedNotQuoted.filter((m) => m.ok).length;
    console.log(
      `  named but not quoted: ${silentOk}/${q.mentionedNotQuoted.length} reported as mentioned, with no quotes`,
    );
    for (const m of q.misses) console.log(`   missed: ${m.speaker}: “${m.text}”`);
    for (const x of q.extras) console.log(`   wrongly attributed to ${x.speaker}: “${x.text}” [${x.id}]`);
    for (const m of q.mentionedNotQuoted.filter((m) => !m.ok)) console.log(`   ${m.name}: ${m.problem}`);
  }
  if (values.verbose) {
    for (const r of [...onTopic, ...offTopic])
      console.log(
        `\nQ: ${r.q} [coverage ${fmt(r.ranking.coverage)}, similarity ${fmt(r.ranking.bestSentenceSimilarity)}]\nA: ${r.result.answer}`,
      );
  }
}

async function goldRank(
  index: ArticleIndex,
  question: string,
  gold: number[],
  mode: RetrievalMode,
): Promise<number> {
  const ranking = await index.rank(normaliseQuestion(question), mode);
  const position = ranking.paragraphs.findIndex((p) => gold.includes(p.paragraph.number));
  return position < 0 ? Infinity : position + 1;
}

/**
 * The calibration rule behind MIN_EVIDENCE: the highest threshold that still answers every on-topic
 * question, set halfway between the lowest on-topic evidence and the highest off-topic evidence below it.
 */
function suggestThreshold(onTopic: number[], offTopic: number[]): number {
  const lowestOnTopic = Math.min(...onTopic);
  const below = offTopic.filter((c) => c < lowestOnTopic);
  return below.length === 0 ? lowestOnTopic / 2 : (lowestOnTopic + Math.max(...below)) / 2;
}

const fmt = (x: number) => x.toFixed(2).padStart(4);

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
