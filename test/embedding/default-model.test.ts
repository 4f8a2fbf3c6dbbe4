import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, ensureDefaultModel } from '../../src/embedding/default-model.js';
import { createTransformersEmbedder } from '../../src/embedding/transformers-embedder.js';
import { capturingLogger } from './capturing-logger.js';

// A small vocabulary keeps each build to a second or so; the folder handling is the same as the real one's.
const SMALL = { vocabSize: 2_000 };

let scratch: string;
/** A folder built once, copied for each test so that each starts from a good model. */
let pristine: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'default-model-'));
  pristine = join(scratch, 'pristine');
  await ensureDefaultModel(pristine, SMALL);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function copyOfPristine(name: string): Promise<{ modelsDir: string; target: string }> {
  const modelsDir = join(scratch, name);
  await cp(pristine, modelsDir, { recursive: true });
  return { modelsDir, target: join(modelsDir, DEFAULT_MODEL_ID) };
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

describe('ensureDefaultModel on a damaged model folder', () => {
  it.each(['onnx/model_quantized.onnx', 'tokenizer.json', 'config.json'])(
    'rebuilds a truncated %s once, with a warning naming the file, and the model loads again',
    async (file) => {
      const { modelsDir, target } = await copyOfPristine(`truncated-${file.replace(/\W/g, '-')}`);
      const good = await sha256(join(target, file));
      await truncate(join(target, file), 100);

      const { logger, warnings } = capturingLogger();
      expect(await ensureDefaultModel(modelsDir, SMALL, logger)).toBe(target);
      expect(await sha256(join(target, file))).toBe(good);
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]!.msg).toContain(join(target, file));
      expect(await readdir(join(modelsDir, 'local'))).toEqual(['glove-6b-100d-sif']);

      const embedder = createTransformersEmbedder({
        modelId: DEFAULT_MODEL_ID,
        modelsDir,
        allowRemote: false,
      });
      const [vector] = await embedder.embed(['a missile test']);
      expect(vector).toHaveLength(100);

      // Repaired: the next start finds it good and says nothing.
      await ensureDefaultModel(modelsDir, SMALL, logger);
      expect(warnings()).toHaveLength(1);
    },
  );

  it('rebuilds a file whose bytes were changed in place, the size unchanged', async () => {
    const { modelsDir, target } = await copyOfPristine('flipped');
    const file = join(target, 'tokenizer.json');
    const good = await readFile(file);
    const bad = Buffer.from(good);
    const middle = bad.length >> 1;
    bad.writeUInt8(bad.readUInt8(middle) ^ 0xff, middle);
    await writeFile(file, bad);

    const { logger, warnings } = capturingLogger();
    await ensureDefaultModel(modelsDir, SMALL, logger);
    expect(await readFile(file)).toEqual(good);
    expect(warnings()[0]!.msg).toContain(file);
  });

  it('rebuilds a model with a file missing, naming the file', async () => {
    const { modelsDir, target } = await copyOfPristine('missing');
    await rm(join(target, 'onnx', 'model_quantized.onnx'));
    const { logger, warnings } = capturingLogger();
    await ensureDefaultModel(modelsDir, SMALL, logger);
    expect(await readdir(join(target, 'onnx'))).toContain('model_quantized.onnx');
    expect(warnings()[0]!.msg).toContain(join(target, 'onnx', 'model_quantized.onnx'));
  });

  it('fails with an error naming the folder when the rebuild fails too, leaving no temporary folder', async () => {
    const { modelsDir, target } = await copyOfPristine('unrebuildable');
    await truncate(join(target, 'config.json'), 10);
    const brokenSource = join(scratch, 'broken-vectors.json');
    await writeFile(brokenSource, '{"dimensions": 100, "words": ["the"');

    const { logger } = capturingLogger();
    const error = await ensureDefaultModel(modelsDir, { ...SMALL, sourcePath: brokenSource }, logger).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(target);
    expect((error as Error).message).toContain('config.json');
    expect((await readdir(join(modelsDir, 'local'))).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('ensureDefaultModel when the finished model cannot be put in place', () => {
  it('leaves no temporary folder behind', async () => {
    const modelsDir = join(scratch, 'blocked');
    // A file where the model folder should go: the final rename fails.
    await mkdir(join(modelsDir, 'local'), { recursive: true });
    await writeFile(join(modelsDir, DEFAULT_MODEL_ID), 'not a folder');
    await expect(ensureDefaultModel(modelsDir, SMALL)).rejects.toThrow();
    expect(await readdir(join(modelsDir, 'local'))).toEqual(['glove-6b-100d-sif']);
  });
});
