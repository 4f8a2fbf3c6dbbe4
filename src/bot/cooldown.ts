/**
 * Per-user cooldown for commands that cost real work (`/ask`): one use per user per window.
 * Kept in memory on purpose: a restart forgetting who asked recently is harmless.
 */
export class Cooldowns {
  readonly #lastUse = new Map<string, number>();
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(seconds: number, now: () => number = Date.now) {
    this.#windowMs = Math.max(0, seconds) * 1000;
    this.#now = now;
  }

  /**
   * Records a use by `key` and returns 0, or, when `key` used it less than a window ago, returns the
   * milliseconds left and records nothing (so spamming does not extend the wait).
   */
  take(key: string): number {
    if (this.#windowMs === 0) return 0;
    const now = this.#now();
    const last = this.#lastUse.get(key);
    if (last !== undefined && now - last < this.#windowMs) return this.#windowMs - (now - last);
    this.#lastUse.set(key, now);
    // Expired entries are dropped as we go, so a busy server's map stays as small as its active users.
    if (this.#lastUse.size > 1000) this.#prune(now);
    return 0;
  }

  #prune(now: number): void {
    for (const [key, last] of this.#lastUse) if (now - last >= this.#windowMs) this.#lastUse.delete(key);
  }
}
