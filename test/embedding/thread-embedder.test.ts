import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_MODEL_ID } from '../../src/embedding/default-model.js';
import { createThreadEmbedder } from '../../src/embedding/thread-embedder.js';
import { createTransformersEmbedder } from '../../src/embedding/transformers-embedder.js';
import { openEmbedder } from '../../src/engine/open-library.js';

// The bot embeds on a worker thread; what it gets back must be what the model gives on this thread.
describe('createThreadEmbedder', () => {
  it('gives the vectors the model gives on this thread, calls in flight together', async () => {
    await openEmbedder(loadConfig({})); // builds the default model if this machine has none yet
    const options = {
      modelId: DEFAULT_MODEL_ID,
      modelsDir: path.join(loadConfig({}).MODEL_CACHE_DIR, 'models'),
      allowRemote: false,
    };
    const texts = ['The harbour reopened on Monday.', '', 'Councillors voted to close two libraries.'];
    const here = await createTransformersEmbedder(options).embed(texts);
    const threaded = createThreadEmbedder(options);
    const [a, b, none] = await Promise.all([
      threaded.embed(texts),
      threaded.embed(texts.slice(2)),
      threaded.embed([]),
    ]);
    expect(a).toEqual(here);
    expect(b).toEqual(here.slice(2));
    expect(none).toEqual([]);
  });

  it('fails each request, naming the cause, when the model cannot be loaded', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'no-model-'));
    const embedder = createThreadEmbedder({ modelId: 'local/missing', modelsDir: empty, allowRemote: false });
    await expect(embedder.embed(['A question?'])).rejects.toThrow(/embedding failed: .*local\/missing/su);
    await expect(embedder.embed(['Another?'])).rejects.toThrow(/embedding failed/u);
  });
});
