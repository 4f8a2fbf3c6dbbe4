import { setImmediate as nextTurn } from 'node:timers/promises';

let last: Promise<unknown> = Promise.resolve();

/**
 * Runs answer computations one after another, each in an event-loop turn of its own. Finding an answer
 * runs without a pause once its embedding resolves, so under a burst of questions a process could compute
 * answer after answer while interactions that arrived meanwhile waited unread, past Discord's 3-second
 * window to be acknowledged (seen with 200 questions over four shards at 1,000 articles). Started each in
 * a turn of its own, the computations leave the event loop a chance to read and acknowledge what arrived
 * between any two of them. They ran one at a time before too: the model and the ranking share one thread.
 */
export function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = last.then(() => nextTurn()).then(work);
  last = run.catch(() => undefined);
  return run;
}
