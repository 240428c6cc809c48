import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { claimedDocument, claimedEvents, claimKey, connectMongo, createLogger, OutboxPublisher, type EventProducer, type MongoHandle, type OutboundEvent } from '@guichet/platform';
import { runCommand, type CaseChange, type CommandDeps } from '../../application/index.js';
import { applyEvents, auditRecordOf, decide, type CaseCommand, type CaseState } from '../../domain/index.js';
import { asCandidate, asCaseworker, asSystem, complete, proposals, rules } from '../../domain/case.fixtures.js';
import { ensureIndexes, intakeCollections, proposalSetKey, type IntakeCollections } from './collections.js';
import { CaseFollowUp } from './case-follow-up.js';
import { MongoAccessLog } from './mongo-access-log.js';
import { MongoAuditJournal } from './mongo-audit-journal.js';
import { MongoCaseRepository, type CaseWrite } from './mongo-case-repository.js';

// The case repository against the real MongoDB-wire server: claimed writes, one draft per
// candidate, events recorded once, the append-only audit trail and its erasure.

let handle: MongoHandle;
let collections: IntakeCollections;
let repository: MongoCaseRepository;
let journal: MongoAuditJournal;
let followUp: CaseFollowUp;
const written: CaseWrite[] = [];
const logger = createLogger({ service: 'intake-test', level: 'error' });

beforeAll(async () => {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI absent');
  handle = await connectMongo({ uri, dbName: `intake_repository_${Date.now().toString(36)}` });
  collections = intakeCollections(handle.db);
  await ensureIndexes(collections);
  repository = new MongoCaseRepository({ collections, targets: rules.targets, afterWrite: (write) => written.push(write) });
  journal = new MongoAuditJournal(collections);
  followUp = followUpOf(async () => undefined);
});

afterAll(async () => {
  await handle?.db.dropDatabase();
  await handle?.close();
});

const now = () => new Date().toISOString();

/** The follow-up of a process whose broker is `publish`, and its outbox sweep, which takes every pending write at once. */
function followUpOf(publish: (entries: readonly { id: string }[]) => Promise<void>): CaseFollowUp & { sweeper: OutboxPublisher } {
  const producer: EventProducer = {
    publish: (_topic, events) => publish(events),
    publishTogether: (sends) => publish(sends.flatMap(({ events }) => events)),
    disconnect: async () => undefined,
  };
  const publisher: OutboxPublisher = new OutboxPublisher({ outbox: collections.outbox, producer, topicOf: () => 'intake.requests.v1', logger, sweepAfterMs: 0, follow: (pending) => followUp.recover(pending) });
  const followUp = new CaseFollowUp(collections, publisher);
  return Object.assign(followUp, { sweeper: publisher });
}

const followAll = (writes: readonly CaseWrite[], by = followUp) => Promise.all(writes.map((write) => by.after(write)));

function step(state: CaseState | undefined, command: CaseCommand): { state: CaseState; change: CaseChange } {
  const decision = decide(command, state, { ...rules, deskRegions: ['24'] });
  if (!decision.ok) throw new Error(decision.refusal.detail);
  const next = applyEvents(state, decision.events, command.metadata.now);
  if (!next) throw new Error('aucun état');
  const proposalSets = decision.events.flatMap((event) => (event.type === 'proposals-received' ? [event.data] : []));
  return { state: next, change: { events: [], audit: [auditRecordOf(command, state, next, randomUUID())], proposalSets } };
}

async function newDraft(candidateId: string = randomUUID()): Promise<CaseState> {
  const command: CaseCommand = { type: 'create-draft', data: { requestId: randomUUID(), draft: {} }, metadata: { now: now(), actor: { kind: 'candidate', id: candidateId } } };
  const { state, change } = step(undefined, command);
  expect(await repository.create(state, change)).toBe('created');
  return state;
}

describe('MongoCaseRepository', () => {
  it('keeps one open draft per candidate, even when two are created at once', async () => {
    const candidateId = randomUUID();
    const make = () => {
      const command: CaseCommand = { type: 'create-draft', data: { requestId: randomUUID(), draft: {} }, metadata: { now: now(), actor: { kind: 'candidate', id: candidateId } } };
      const { state, change } = step(undefined, command);
      return repository.create(state, change);
    };
    expect((await Promise.all([make(), make(), make()])).sort()).toEqual(['created', 'draft-exists', 'draft-exists']);
    expect(await collections.cases.countDocuments({ candidateId })).toBe(1);
  });

  it('lets exactly one of two concurrent writes on the same version win', async () => {
    const draft = await newDraft();
    const edit = (specialty: 'pediatrie' | 'psychiatrie') => {
      const { state, change } = step(draft, { type: 'update-request', data: { draft: { specialty } }, metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
      return repository.save(state, draft.version, change);
    };
    const outcomes = await Promise.all([edit('pediatrie'), edit('psychiatrie'), edit('pediatrie')]);
    expect(outcomes.filter((outcome) => outcome === 'saved')).toHaveLength(1);
    expect((await repository.load(draft.id))?.version).toBe(2);
  });

  it('lets exactly one write of a version win across instances, each with its own memory of the case', async () => {
    const draft = await newDraft();
    const instances = Array.from({ length: 8 }, () => new MongoCaseRepository({ collections, targets: rules.targets }));
    for (const instance of instances) expect((await instance.load(draft.id))?.version).toBe(1);
    const outcomes = await Promise.all(
      instances.map((instance, index) => {
        const { state, change } = step(draft, { type: 'update-request', data: { draft: { specialty: index % 2 === 0 ? 'pediatrie' : 'psychiatrie' } }, metadata: asCandidate(now()) });
        return instance.save(state, draft.version, change);
      }),
    );
    expect(outcomes.filter((outcome) => outcome === 'saved')).toHaveLength(1);
    const winner = outcomes.indexOf('saved');
    for (const instance of instances) expect((await instance.load(draft.id))?.data.specialty).toBe(winner % 2 === 0 ? 'pediatrie' : 'psychiatrie');
  });

  it('runs a command from an instance that knows a revision passed since by another: decided again on the stored case', async () => {
    const draft = await newDraft();
    const other = new MongoCaseRepository({ collections, targets: rules.targets });
    const edited = step(await other.load(draft.id), { type: 'update-request', data: { draft: { specialty: 'psychiatrie' } }, metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
    expect(await other.save(edited.state, draft.version, edited.change)).toBe('saved');
    const deps: CommandDeps = { cases: repository, accessLog: new MongoAccessLog(collections), rules: { ...rules, deskRegions: ['24'] }, runtime: { now: () => new Date(), newId: randomUUID } };
    const caller = { as: 'candidate', id: draft.candidateId } as const;
    const command = { type: 'update-request', data: { draft: { specialty: 'pediatrie' } } } as const;
    // This instance still holds the draft as it created it (version 1).
    const stale = await runCommand(deps, { caseId: draft.id, caller, command, expectedVersion: draft.version });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'version-conflict', currentVersion: edited.state.version } });
    const current = await runCommand(deps, { caseId: draft.id, caller, command, expectedVersion: edited.state.version });
    expect(current).toMatchObject({ ok: true, value: { changed: true, state: { version: edited.state.version + 1 } } });
    expect(await other.load(draft.id)).toMatchObject({ version: edited.state.version + 1, data: { specialty: 'pediatrie' } });
  });

  it('reads the write of an instance that stopped between its claim and its replace, and builds on it', async () => {
    const draft = await newDraft();
    const stored = await collections.cases.findOne({ _id: draft.id });
    const edited = step(draft, { type: 'update-request', data: { draft: { specialty: 'psychiatrie' } }, metadata: asCandidate(now()) });
    // As that instance left it: the claim of revision 1, the case document still at revision 0.
    await collections.caseClaims.insertOne({ _id: claimKey(draft.id, 0), documentId: draft.id, revision: 1, document: { ...stored!, ...edited.state, _id: draft.id, revision: 1 } });
    const other = new MongoCaseRepository({ collections, targets: rules.targets });
    const latest = await other.load(draft.id);
    expect(latest).toMatchObject({ version: 2, data: { specialty: 'psychiatrie' } });
    expect(await other.save(edited.state, draft.version, edited.change)).toBe('conflict');
    const next = step(latest, { type: 'update-request', data: { draft: { specialty: 'pediatrie' } }, metadata: asCandidate(now()) });
    expect(await other.save(next.state, 2, next.change)).toBe('saved');
    expect(await collections.cases.findOne({ _id: draft.id })).toMatchObject({ version: 3, revision: 2, data: { specialty: 'pediatrie' } });
  });

  it('lets a candidate start a new draft when the submitted one still holds the draft slot, its writer stopped before its replace', async () => {
    const draft = await newDraft();
    const filled = step(draft, { type: 'update-request', data: { draft: complete }, metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
    expect(await repository.save(filled.state, draft.version, filled.change)).toBe('saved');
    const stored = await collections.cases.findOne({ _id: draft.id });
    const submitted = step(filled.state, { type: 'submit', metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
    // As that instance left it: the claim of the submission, the case document still the draft.
    await collections.caseClaims.insertOne({ _id: claimKey(draft.id, 1), documentId: draft.id, revision: 2, document: { ...stored!, ...submitted.state, _id: draft.id, revision: 2, draftSlot: `case:${draft.id}` } });
    const other = new MongoCaseRepository({ collections, targets: rules.targets });
    const again = step(undefined, { type: 'create-draft', data: { requestId: randomUUID(), draft: {} }, metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
    expect(await other.create(again.state, again.change)).toBe('created');
    expect(await other.findOpenDraft(draft.candidateId)).toMatchObject({ id: again.state.id });
    expect(await collections.cases.findOne({ _id: draft.id })).toMatchObject({ status: 'submitted', revision: 2 });
  });

  it('finds a candidate’s open draft from any instance, none once it is submitted, and refuses a second one', async () => {
    const draft = await newDraft();
    const filled = step(draft, { type: 'update-request', data: { draft: complete }, metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
    expect(await repository.save(filled.state, draft.version, filled.change)).toBe('saved');
    const submitted = step(filled.state, { type: 'submit', metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
    expect(await repository.save(submitted.state, filled.state.version, submitted.change)).toBe('saved');
    const other = new MongoCaseRepository({ collections, targets: rules.targets });
    expect(await other.findOpenDraft(draft.candidateId)).toBeUndefined();
    const second = await newDraft(draft.candidateId);
    expect(await other.findOpenDraft(draft.candidateId)).toMatchObject({ id: second.id, status: 'draft' });
    const third = step(undefined, { type: 'create-draft', data: { requestId: randomUUID(), draft: {} }, metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
    expect(await other.create(third.state, third.change)).toBe('draft-exists');
    expect(await collections.cases.countDocuments({ candidateId: draft.candidateId, status: 'draft' })).toBe(1);
  });

  it('drops the pointers to candidates’ drafts that earlier versions kept beside the cases', async () => {
    await handle.db.collection<{ _id: string; caseId: string }>('open_drafts').insertOne({ _id: randomUUID(), caseId: randomUUID() });
    await ensureIndexes(collections);
    expect(await handle.db.listCollections({ name: 'open_drafts' }).toArray()).toEqual([]);
  });

  it('records an event id with its effect, so that the same event changes nothing twice', async () => {
    const draft = await newDraft();
    const first = step(draft, { type: 'update-request', data: { draft: { specialty: 'pediatrie' } }, metadata: asCandidate(now()) });
    const eventId = randomUUID();
    expect(await repository.saveOnce(eventId, first.state, draft.version, first.change)).toBe('saved');
    const again = step(await repository.load(draft.id), { type: 'update-request', data: { draft: { specialty: 'psychiatrie' } }, metadata: asCandidate(now()) });
    expect(await repository.saveOnce(eventId, again.state, 2, again.change)).toBe('duplicate');
    expect((await repository.load(draft.id))?.data.specialty).toBe('pediatrie');
  });

  it('moves audit entries to an append-only collection, and erasure leaves them unreadable', async () => {
    const draft = await newDraft();
    let state = draft;
    for (const command of [
      { type: 'update-request', data: { draft: complete }, metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } },
      { type: 'submit', metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } },
      { type: 'change-status', data: { to: 'under_review', reason: 'Dossier de Léa Martin' }, metadata: asCaseworker(now()) },
    ] as CaseCommand[]) {
      const next = step(state, command);
      expect(await repository.save(next.state, state.version, next.change)).toBe('saved');
      state = next.state;
    }
    await followAll(written.splice(0).filter((write) => write.id === draft.id));
    expect(await collections.audit.countDocuments({ caseId: draft.id })).toBe(4);
    expect(JSON.stringify(await collections.audit.find({ caseId: draft.id }).toArray())).not.toContain('Martin');
    const trail = await journal.trail(draft.id);
    expect(trail.find((entry) => entry.action === 'change-status')).toMatchObject({ reason: 'Dossier de Léa Martin', changes: expect.arrayContaining([{ field: 'status', before: 'submitted', after: 'under_review' }]) });

    const erased = step(state, { type: 'erase', metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
    expect(await repository.save(erased.state, state.version, erased.change)).toBe('saved');
    await followAll(written.splice(0).filter((write) => write.id === draft.id));
    const after = await journal.trail(draft.id);
    expect(after.map((entry) => entry.action)).toEqual(['create-draft', 'update-request', 'submit', 'change-status', 'erase']);
    expect(after.every((entry) => entry.reason === undefined && entry.changes.length === 0)).toBe(true);
    expect(await collections.cases.findOne({ _id: draft.id }, { projection: { auditKey: 1 } })).toEqual({ _id: draft.id });
    // The claims keep the keys of every revision, not the documents before erasure.
    const claims = await collections.caseClaims.find({ documentId: draft.id }).sort({ revision: 1 }).toArray();
    expect(claims.map((claim) => claimedDocument(claim) === undefined)).toEqual([true, true, true, false]);
    expect(JSON.stringify(claims.map((claim) => [claimedDocument(claim), claimedEvents(claim)]))).not.toContain('Martin');
  });

  it('publishes each event of a case once its write is committed, and what a stopped writer left is swept once', async () => {
    const writes: CaseWrite[] = [];
    const process = new MongoCaseRepository({ collections, targets: rules.targets, afterWrite: (write) => writes.push(write) });
    const published: string[] = [];
    const live = followUpOf(async (entries) => void published.push(...entries.map((entry) => entry.id)));
    const draft = await newDraft();
    await followAll(written.splice(0).filter((write) => write.id === draft.id), live);
    const event = (): OutboundEvent => ({ id: randomUUID(), type: 'fr.sante.guichet.intake.request-updated.v1', source: 'test', subject: draft.id, time: now(), key: draft.id, data: {} });
    const edit = async (state: CaseState, specialty: 'pediatrie' | 'psychiatrie') => {
      const next = step(state, { type: 'update-request', data: { draft: { specialty } }, metadata: asCandidate(now()) });
      const change = { ...next.change, events: [event()] };
      expect(await process.save(next.state, state.version, change)).toBe('saved');
      return { state: next.state, eventId: change.events[0]!.id };
    };

    const first = await edit(draft, 'pediatrie');
    await followAll(writes.splice(0), live);
    expect(published).toEqual([first.eventId]);
    // The writer stops before following up its second write: its event and audit entry wait in the claim.
    const second = await edit(first.state, 'psychiatrie');
    writes.splice(0);
    expect(await collections.outbox.pending.countDocuments({ _id: claimKey(draft.id, 1) })).toBe(1);

    const other = followUpOf(async (entries) => void published.push(...entries.map((entry) => entry.id)));
    while ((await other.sweeper.sweep()) > 0);
    expect(published).toEqual([first.eventId, second.eventId]);
    expect(await collections.audit.countDocuments({ caseId: draft.id })).toBe(3);
    expect(await other.sweeper.sweep()).toBe(0);
    expect(published).toEqual([first.eventId, second.eventId]);
  });

  it('keeps received proposal sets beside the case, the case holding their summary, and erasure removes them', async () => {
    const draft = await newDraft();
    let state = draft;
    const setIds = [randomUUID(), randomUUID()];
    for (const command of [
      { type: 'update-request', data: { draft: complete }, metadata: asCandidate(now()) },
      { type: 'submit', metadata: asCandidate(now()) },
      { type: 'record-proposals', data: { ...proposals(setIds[0]!, '2026-11-01T10:00:00.000Z'), requestId: draft.id }, metadata: asSystem(now()) },
      { type: 'record-proposals', data: { ...proposals(setIds[1]!, '2026-11-02T10:00:00.000Z'), requestId: draft.id }, metadata: asSystem(now()) },
    ] as CaseCommand[]) {
      const next = step(state, { ...command, metadata: { ...command.metadata, actor: command.metadata.actor.kind === 'candidate' ? { kind: 'candidate', id: draft.candidateId } : command.metadata.actor } } as CaseCommand);
      expect(await repository.save(next.state, state.version, next.change)).toBe('saved');
      state = next.state;
    }
    const stored = await collections.cases.findOne({ _id: draft.id });
    expect(stored?.proposals).toEqual(setIds.map((proposalSetId) => expect.objectContaining({ proposalSetId, bundles: [expect.objectContaining({ zone: 'zip', offerIds: ['c0ffee00-0000-4000-8000-000000000001'] })] })));
    expect(JSON.stringify(stored)).not.toContain('Logement à 2 km');
    const whole = await repository.proposalSets(draft.id, [...setIds].reverse());
    expect(whole.map((set) => set.proposalSetId)).toEqual([...setIds].reverse());
    expect(whole[0]?.bundles[0]?.explanation).toBe('Logement à 2 km du lieu de stage.');

    const erased = step(state, { type: 'erase', metadata: { now: now(), actor: { kind: 'candidate', id: draft.candidateId } } });
    expect(await repository.save(erased.state, state.version, erased.change)).toBe('saved');
    expect(await collections.proposalSets.countDocuments({ caseId: draft.id })).toBe(0);
  });

  it('still reads a proposal set that an earlier version stored whole beside its case', async () => {
    const draft = await newDraft();
    const legacy = { ...proposals(randomUUID(), '2026-11-03T10:00:00.000Z'), requestId: draft.id };
    await collections.proposalSets.insertOne({ _id: proposalSetKey(draft.id, legacy.proposalSetId), caseId: draft.id, set: legacy });
    expect(await repository.proposalSets(draft.id, [legacy.proposalSetId])).toEqual([legacy]);
  });
});
