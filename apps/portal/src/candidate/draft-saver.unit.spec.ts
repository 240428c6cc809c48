import { describe, expect, it } from '@jest/globals';
import type { FieldError, InstallationRequest, InstallationRequestDraft, Problem } from '@guichet/contracts';
import type { ApiResult } from '../api/http.js';
import { DraftSaver, debounceMs, retryDelayMs } from './draft-saver.js';
import type { SaveState, SaverDeps } from './draft-saver.js';
import type { LocalCopy } from './local-copy.js';

const requestId = '0b7f4f1e-4f5e-4a4b-9d1c-2f7d8e9a1b2c';

function stored(version: number, data: InstallationRequestDraft): InstallationRequest {
  return { id: requestId, candidateId: 'c-1', status: 'draft', version, createdAt: '2026-11-02T09:00:00Z', updatedAt: '2026-11-02T09:00:00Z', data };
}

const unreachable: Problem = { type: 'about:blank', title: 'Service injoignable', status: 0, detail: 'Le service ne répond pas pour le moment.' };

/** A fake server and a manual clock: timers run only when the test says so. */
function harness(options: { answers?: ((version: number, data: InstallationRequestDraft) => ApiResult<InstallationRequest>)[]; invalid?: FieldError[] } = {}) {
  let serverVersion = 1;
  const calls: { version: number; data: InstallationRequestDraft }[] = [];
  const local: LocalCopy[] = [];
  const states: SaveState[] = [];
  const timers: { run: () => void; delayMs: number; cancelled: boolean }[] = [];
  const answers = [...(options.answers ?? [])];
  const deps: SaverDeps = {
    update: async (version, data) => {
      calls.push({ version, data });
      const answer = answers.shift();
      if (answer) return answer(version, data);
      if (version !== serverVersion) return { ok: false, status: 409, problem: { type: 'about:blank', title: 'Conflit', status: 409 } };
      serverVersion += 1;
      return { ok: true, status: 200, data: stored(serverVersion, data), etag: `"${serverVersion}"` };
    },
    reload: async () => ({ ok: true, status: 200, data: stored(serverVersion, {}), etag: `"${serverVersion}"` }),
    validate: () => options.invalid ?? [],
    keepLocally: (copy) => (local.push(copy), true),
    schedule: (run, delayMs) => {
      const timer = { run, delayMs, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    now: () => new Date('2026-11-02T10:00:00Z'),
    onState: (state) => states.push(state),
    onServer: () => undefined,
  };
  const saver = new DraftSaver(deps, requestId, { version: 1, data: {} });
  const pendingTimers = () => timers.filter((timer) => !timer.cancelled);
  const runTimers = async () => {
    const due = pendingTimers();
    for (const timer of due) timer.cancelled = true;
    for (const timer of due) timer.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { saver, calls, local, states, pendingTimers, runTimers, bumpServer: () => (serverVersion += 1) };
}

describe('DraftSaver', () => {
  it('keeps what is typed on the device at once and saves it after a pause', async () => {
    const h = harness();
    h.saver.change({ identity: { firstName: 'Camille' } });
    expect(h.local.at(-1)).toMatchObject({ requestId, confirmed: false, data: { identity: { firstName: 'Camille' } } });
    expect(h.saver.current).toEqual({ kind: 'pending', keptLocally: true });
    expect(h.calls).toHaveLength(0);
    expect(h.pendingTimers()[0]?.delayMs).toBe(debounceMs);
    await h.runTimers();
    expect(h.calls).toEqual([{ version: 1, data: { identity: { firstName: 'Camille' } } }]);
    expect(h.saver.current.kind).toBe('saved');
    expect(h.local.at(-1)).toMatchObject({ confirmed: true, baseVersion: 2 });
  });

  it('sends only the last of several quick changes', async () => {
    const h = harness();
    h.saver.change({ specialty: 'cardiologie' });
    h.saver.change({ specialty: 'medecine-generale' });
    await h.runTimers();
    expect(h.calls.map((call) => call.data)).toEqual([{ specialty: 'medecine-generale' }]);
  });

  it('says a failed save failed, keeps the local copy and retries until the server takes it', async () => {
    const fail = () => ({ ok: false as const, status: 0, problem: unreachable });
    const h = harness({ answers: [fail, fail] });
    h.saver.change({ faculty: 'Tours' });
    await h.runTimers();
    expect(h.saver.current).toMatchObject({ kind: 'retrying', attempt: 1, reason: 'Le service ne répond pas pour le moment.' });
    expect(h.pendingTimers()[0]?.delayMs).toBe(retryDelayMs(1));
    await h.runTimers();
    expect(h.saver.current).toMatchObject({ kind: 'retrying', attempt: 2 });
    expect(h.pendingTimers()[0]?.delayMs).toBe(retryDelayMs(2));
    expect(h.local.at(-1)).toMatchObject({ confirmed: false, data: { faculty: 'Tours' } });
    await h.runTimers();
    expect(h.saver.current.kind).toBe('saved');
    expect(h.calls).toHaveLength(3);
  });

  it('backs off to one try every 30 seconds', () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('on a version conflict takes the server version and saves this tab’s data over it', async () => {
    const h = harness();
    h.bumpServer();
    h.saver.change({ notes: 'dernière saisie' });
    await h.runTimers();
    expect(h.calls.map((call) => call.version)).toEqual([1, 2]);
    expect(h.saver.current.kind).toBe('saved');
  });

  it('does not send a draft the schema refuses, and says which fields to fix', async () => {
    const errors = [{ field: 'contact.email', detail: 'adresse e-mail invalide' }];
    const h = harness({ invalid: errors });
    h.saver.change({ contact: { email: 'pas-une-adresse' } });
    await h.runTimers();
    expect(h.calls).toHaveLength(0);
    expect(h.saver.current).toEqual({ kind: 'invalid', errors });
    expect(h.local.at(-1)).toMatchObject({ confirmed: false, data: { contact: { email: 'pas-une-adresse' } } });
  });

  it('shows the server’s field errors when it refuses the draft', async () => {
    const errors = [{ field: 'targets.communes[0]', detail: 'code INSEE inconnu' }];
    const h = harness({ answers: [() => ({ ok: false, status: 400, problem: { type: 'about:blank', title: 'Requête invalide', status: 400, errors } })] });
    h.saver.change({ targets: { communes: ['99999'] } });
    await h.runTimers();
    expect(h.saver.current).toEqual({ kind: 'invalid', errors });
  });

  it('saves again what was typed while a save was on its way', async () => {
    const h = harness();
    h.saver.change({ faculty: 'Tours' });
    const first = h.saver.flush();
    h.saver.change({ faculty: 'Tours, puis Poitiers' });
    await first;
    expect(h.saver.current).toEqual({ kind: 'pending', keptLocally: true });
    await h.runTimers();
    expect(h.calls.map((call) => call.data.faculty)).toEqual(['Tours', 'Tours, puis Poitiers']);
    expect(h.saver.current.kind).toBe('saved');
  });

  it('stops retrying once the request can no longer be changed, and says why', async () => {
    const h = harness({
      answers: [
        () => ({ ok: false, status: 403, problem: { type: 'about:blank', title: 'Interdit', status: 403, detail: 'Cette demande n’est plus modifiable.' } }),
      ],
    });
    h.saver.change({ faculty: 'Tours' });
    await h.runTimers();
    expect(h.saver.current).toEqual({ kind: 'blocked', reason: 'Cette demande n’est plus modifiable.' });
    expect(h.pendingTimers()).toHaveLength(0);
  });
});
