import { submitOne, type LoadOptions, type RequestOutcome } from '../../tests/e2e/faults/load.js';

export interface Identity {
  candidate: string;
  token: string;
}

export interface OpenLoopRun {
  outcomes: RequestOutcome[];
  /** Requests due within the window (rate × seconds). */
  scheduled: number;
  /** Requests that started more than `lateMs` after due: the client's own event loop was late, or no identity was free. */
  late: number;
  /** How late each request started after its due time, ascending (ms). */
  startLagsMs: number[];
}

/** A request starting later than this after its due time was held back by the client, not by the desk. */
export const lateMs = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An open-loop load: request i is due at `i / rate` seconds and starts then whatever the answers
 * to the earlier ones, so the desk, not the client, sets the pace of the answers. A candidate has
 * one open draft at a time: each request takes an identity from a pool and gives it back once its
 * submission is accepted or abandoned; a pool too small for the requests in flight shows up as
 * late starts, never as a lower offered rate that goes unreported.
 */
export async function runOpenLoop(options: LoadOptions, rate: number, seconds: number, identities: readonly Identity[]): Promise<OpenLoopRun> {
  const scheduled = Math.round(rate * seconds);
  const free = [...identities];
  const waiting: ((identity: Identity) => void)[] = [];
  const take = (): Promise<Identity> => {
    const identity = free.pop();
    return identity ? Promise.resolve(identity) : new Promise((resolve) => waiting.push(resolve));
  };
  const give = (identity: Identity) => {
    const next = waiting.shift();
    if (next) next(identity);
    else free.push(identity);
  };

  const outcomes: RequestOutcome[] = [];
  const startLagsMs: number[] = [];
  const inFlight: Promise<void>[] = [];
  const began = Date.now();
  const one = async (index: number, due: number) => {
    const identity = await take();
    startLagsMs.push(Date.now() - due);
    try {
      outcomes.push(await submitOne(options, index, identity.candidate, identity.token));
    } finally {
      give(identity);
    }
  };
  for (let index = 0; index < scheduled; index += 1) {
    const due = began + (index * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(one(index, due));
  }
  await Promise.all(inFlight);
  startLagsMs.sort((a, b) => a - b);
  return { outcomes: outcomes.sort((a, b) => a.index - b.index), scheduled, late: startLagsMs.filter((lag) => lag > lateMs).length, startLagsMs };
}
