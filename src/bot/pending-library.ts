import { UserError } from '../errors.js';
import type { CommandContext } from './load-commands.js';

/** What a member is told while the articles are still being indexed (a first start can take a minute). */
export const STILL_INDEXING =
  'I am still reading the articles after a restart. Please ask again in a minute.';

type LibraryLike = CommandContext['library'];

/**
 * Stands in for the library while it opens, so the bot can be online during a long first start and
 * say plainly that it is still indexing instead of not answering at all. Once `open` is given the real
 * library, it is a transparent pass-through.
 */
export class PendingLibrary implements LibraryLike {
  #library: LibraryLike | undefined;

  /** The library to answer from from now on. */
  open(library: LibraryLike): void {
    this.#library = library;
  }

  /** False until the library is open. */
  get ready(): boolean {
    return this.#library !== undefined;
  }

  get current(): LibraryLike['current'] {
    if (!this.#library) throw new UserError(STILL_INDEXING);
    return this.#library.current;
  }

  reload(): ReturnType<LibraryLike['reload']> {
    if (!this.#library) return Promise.reject(new UserError(STILL_INDEXING));
    return this.#library.reload();
  }
}
