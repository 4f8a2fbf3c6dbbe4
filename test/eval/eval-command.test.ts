import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run eval` with these arguments, as a user runs it: its exit code and what it wrote to stderr. */
function evalWith(...args: string[]): { status: number | null; stderr: string } {
  const { status, stderr } = spawnSync('npx', ['tsx', 'src/eval/run-eval.ts', ...args], { encoding: 'utf8' });
  return { status, stderr };
}

describe('npm run eval, given bad input', () => {
  it('names a folder it cannot read and exits 2, without a stack trace', () => {
    const { status, stderr } = evalWith('--bank', '/nonexistent/bank');
    expect(status).toBe(2);
    expect(stderr).toContain('Cannot read /nonexistent/bank/split.json');
    expect(stderr).not.toContain('    at ');
  });

  it('rejects an unknown option with the usage and exits 2', () => {
    const { status, stderr } = evalWith('--nope');
    expect(status).toBe(2);
    expect(stderr).toContain("Unknown option '--nope'");
    expect(stderr).toContain('npm run eval [-- options]');
  });
});
