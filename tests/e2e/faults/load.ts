/**
 * The candidates' side of a fault run: each request is a draft created then submitted, retried
 * the way a well-behaved client would (honouring Retry-After, resuming with the same
 * Idempotency-Key, re-reading the request after an answer that never came).
 */

/** `at`: when the answer came (epoch ms), to be read beside the services' logs. */
export type Answer =
  | { kind: 'http'; step: 'draft' | 'submit' | 'read'; status: number; retryAfter: string | null; at: number }
  | { kind: 'unreachable'; step: 'draft' | 'submit' | 'read'; at: number }
  | { kind: 'timeout'; step: 'draft' | 'submit' | 'read'; at: number };

export interface RequestOutcome {
  index: number;
  candidate: string;
  requestId?: string;
  accepted: boolean;
  /** When the draft creation was sent (epoch ms). */
  startedAt?: number;
  /** When the candidate saw its request submitted (epoch ms). */
  acceptedAt?: number;
  answers: Answer[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Person names refuse digits: the request number spelt with letters.
const lettersOf = (n: number) => [...n.toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('');

export function requestBody(run: string, index: number): Record<string, unknown> {
  return {
    identity: { firstName: 'Camille', lastName: `Panne${lettersOf(index)}` },
    contact: { email: `panne.${run}.${index}@example.org`, homeCommuneCode: '37261' },
    status: 'intern',
    specialty: 'medecine-generale',
    faculty: 'Université de Tours, UFR de médecine',
    internship: { communeCode: '37072', hospitalName: 'Centre hospitalier du Chinonais', chuCommuneCode: '37261', startDate: '2027-05-03', endDate: '2027-10-31', ambulatory: true },
    targets: { communes: ['37072'], departements: ['37'], radiusKm: 30 },
    desiredInstallationDate: '2027-11-02',
    practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
    needs: {
      premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-11-02' },
    },
    aids: { interested: true },
    consents: { ars: true, cpam: true, ordre: true, collectivites: true },
  };
}

interface Reply {
  status: number;
  etag: string | null;
  retryAfter: string | null;
  body: Record<string, unknown>;
}

export interface LoadOptions {
  intakeUrl(): string;
  run: string;
  /** A request not accepted by then is given up (and counted as not accepted). */
  requestDeadlineMs: number;
  /** Longest single HTTP wait before it counts as a hang. */
  httpTimeoutMs: number;
}

async function call(url: string, method: string, token: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<Reply | 'unreachable' | 'timeout'> {
  try {
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, etag: res.headers.get('etag'), retryAfter: res.headers.get('retry-after'), body: parsed };
  } catch (error) {
    return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'timeout' : 'unreachable';
  }
}

/** How long a client waits before trying again, after an answer that was not a success. */
function pause(reply: Reply | 'unreachable' | 'timeout'): number {
  if (reply === 'unreachable' || reply === 'timeout') return 1000;
  const seconds = Number(reply.retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 5) * 1000 : 1000;
}

export async function submitOne(options: LoadOptions, index: number, candidate: string, token: string): Promise<RequestOutcome> {
  const outcome: RequestOutcome = { index, candidate, accepted: false, answers: [], startedAt: Date.now() };
  const deadline = Date.now() + options.requestDeadlineMs;
  const note = (step: 'draft' | 'submit' | 'read', reply: Reply | 'unreachable' | 'timeout') => {
    const at = Date.now();
    if (reply === 'unreachable' || reply === 'timeout') outcome.answers.push({ kind: reply, step, at });
    else outcome.answers.push({ kind: 'http', step, status: reply.status, retryAfter: reply.retryAfter, at });
  };
  let etag: string | null = null;
  let mustRead = false;
  while (Date.now() < deadline) {
    const base = options.intakeUrl();
    if (outcome.requestId === undefined) {
      const reply = await call(`${base}/v1/requests`, 'POST', token, { 'Idempotency-Key': `faults-${options.run}-${index}` }, requestBody(options.run, index), options.httpTimeoutMs);
      note('draft', reply);
      if (reply !== 'unreachable' && reply !== 'timeout' && (reply.status === 201 || reply.status === 200)) {
        outcome.requestId = String(reply.body.id);
        etag = reply.etag;
        continue;
      }
      await sleep(pause(reply));
      continue;
    }
    if (mustRead || etag === null) {
      const reply = await call(`${base}/v1/requests/${outcome.requestId}`, 'GET', token, {}, undefined, options.httpTimeoutMs);
      note('read', reply);
      if (reply !== 'unreachable' && reply !== 'timeout' && reply.status === 200) {
        if (reply.body.status !== 'draft') {
          outcome.accepted = true;
          outcome.acceptedAt = Date.now();
          return outcome;
        }
        etag = reply.etag;
        mustRead = false;
        continue;
      }
      await sleep(pause(reply));
      continue;
    }
    const reply = await call(`${base}/v1/requests/${outcome.requestId}/submit`, 'POST', token, { 'If-Match': etag }, undefined, options.httpTimeoutMs);
    note('submit', reply);
    if (reply !== 'unreachable' && reply !== 'timeout' && reply.status === 200) {
      outcome.accepted = true;
      outcome.acceptedAt = Date.now();
      return outcome;
    }
    // The submission may have been applied even though its answer was lost or refused: re-read first.
    mustRead = true;
    if (reply === 'unreachable' || reply === 'timeout' || (reply.status !== 409 && reply.status !== 412)) await sleep(pause(reply));
  }
  return outcome;
}

export interface LoadProgress {
  done: number;
}

export interface Pacing {
  /** Milliseconds between two request starts overall, for a steady offered rate; 0 for as fast as the candidates go. */
  intervalMs: number;
  /** No request starts after this instant (epoch ms). */
  stopStartingAt?: number;
}

/**
 * Each candidate identity submits its requests one after the other (one open draft per
 * candidate); the identities run side by side.
 */
export async function runLoad(
  options: LoadOptions,
  requests: number,
  identities: readonly { candidate: string; token: string }[],
  progress: LoadProgress,
  pacing: Pacing = { intervalMs: 0 },
): Promise<RequestOutcome[]> {
  const outcomes: RequestOutcome[] = [];
  let next = 0;
  const began = Date.now();
  const worker = async (identity: { candidate: string; token: string }) => {
    while (next < requests) {
      const index = next++;
      if (pacing.intervalMs > 0) {
        const due = began + index * pacing.intervalMs;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      if (pacing.stopStartingAt !== undefined && Date.now() > pacing.stopStartingAt) return;
      outcomes.push(await submitOne(options, index, identity.candidate, identity.token));
      progress.done += 1;
    }
  };
  await Promise.all(identities.map(worker));
  return outcomes.sort((a, b) => a.index - b.index);
}
