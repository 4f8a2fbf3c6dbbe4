import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeCommand } from '../src/bench/probes.js';
import { codeFingerprint } from '../src/code-fingerprint.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { analyseOnWorkers } from '../src/quotes/analysis-pool.js';

// `npm start` runs the compiled code in dist/ (`npm run build`). Compiled, it must find its worker module
// and fingerprint the same TypeScript as the tsx-run CLI, or the bot and `npm run ask` would each discard
// the other's saved analyses and evidence.
describe('the compiled code (npm run build)', () => {
  // Imported by URL: dist/ holds JavaScript without types, and exists only once built.
  const fromDist = <T>(file: string): Promise<T> =>
    import(new URL(`../dist/src/${file}`, import.meta.url).href);
  let compiled: {
    fingerprint: typeof codeFingerprint;
    pool: { analyseOnWorkers: typeof analyseOnWorkers };
  };
  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build']);
    compiled = {
      fingerprint: (await fromDist<{ codeFingerprint: typeof codeFingerprint }>('code-fingerprint.js'))
        .codeFingerprint,
      pool: await fromDist('quotes/analysis-pool.js'),
    };
  }, 60_000);

  it('fingerprints the TypeScript it was built from, as the uncompiled code does', async () => {
    const dirs = (root: string) => [new URL(`../${root}/answer/`, import.meta.url)];
    const fromSource = await codeFingerprint(dirs('src'), 'build test');
    expect(await compiled.fingerprint(dirs('dist/src'), 'build test')).toBe(fromSource);
    // A folder outside the compiled tree is fingerprinted as it is.
    expect(await compiled.fingerprint([new URL('./fixtures/', import.meta.url)], 'build test')).toBe(
      await codeFingerprint([new URL('./fixtures/', import.meta.url)], 'build test'),
    );
  });

  it('starts every bench probe as `npm run bench` does, its modules all found', () => {
    // Given a spec file that does not exist, a probe that loaded fails reading it (or refuses the option);
    // one that imports what the build does not compile fails before, with ERR_MODULE_NOT_FOUND.
    for (const script of ['startup-probe.ts', 'serve-probe.ts', 'discord-load.ts', 'shard-load.ts']) {
      const run = spawnSync(process.execPath, [...probeCommand(script), '--spec', '/nonexistent/spec.json'], {
        encoding: 'utf8',
      });
      expect(run.stderr, script).not.toMatch(/ERR_MODULE_NOT_FOUND/);
      expect(run.stderr, script).toMatch(/nonexistent\/spec\.json|Unknown option '--spec'/);
      expect(run.status, script).not.toBe(0);
    }
  }, 60_000);

  it('reads articles for quotes on workers that run the compiled worker module', async () => {
    const articles = await loadKnowledge('knowledge');
    expect(await compiled.pool.analyseOnWorkers(articles, 2)).toEqual(await analyseOnWorkers(articles, 2));
  });
});
