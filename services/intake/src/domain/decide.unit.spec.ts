import { describe, expect, it } from '@jest/globals';
import { validateEvent } from '@guichet/contracts';
import type { CaseCommand } from './case-commands.js';
import { isPublished } from './case-events.js';
import {
  asCandidate,
  asCaseworker,
  asSystem,
  at,
  CANDIDATE,
  CASE_ID,
  complete,
  createDraft,
  given,
  proposals,
  rules,
  submit,
} from './case.fixtures.js';
import { decide } from './decide.js';
import { applyEvents } from './evolve.js';

const SET_1 = '11111111-1111-4111-8111-111111111111';
const SET_2 = '22222222-2222-4222-8222-222222222222';
const BUNDLE_1 = '11111111-0000-4000-8000-000000000001';
const BUNDLE_2 = '22222222-0000-4000-8000-000000000001';

const recordProposals = (set: ReturnType<typeof proposals>, now = at(4)): CaseCommand => ({ type: 'record-proposals', data: set, metadata: asSystem(now) });
const accept = (proposalSetId = SET_1, bundleId = BUNDLE_1): CaseCommand => ({ type: 'accept-bundle', data: { proposalSetId, bundleId }, metadata: asCandidate(at(5)) });
const reservation = (outcome: 'confirmed' | 'rejected', proposalSetId = SET_1, bundleId = BUNDLE_1): CaseCommand =>
  outcome === 'confirmed'
    ? {
        type: 'record-reservation-confirmed',
        data: { requestId: CASE_ID, proposalSetId, bundleId, reservationId: '33333333-3333-4333-8333-333333333333', offerIds: [], confirmedAt: at(6) },
        metadata: asSystem(at(6)),
      }
    : {
        type: 'record-reservation-rejected',
        data: { requestId: CASE_ID, proposalSetId, bundleId, unavailableOfferIds: ['c0ffee00-0000-4000-8000-000000000001'], releasedOfferIds: [], reason: 'Logement déjà attribué', rejectedAt: at(6) },
        metadata: asSystem(at(6)),
      };

describe('case decider', () => {
  it('creates a draft owned by the candidate', () => {
    const { state } = given(createDraft({ specialty: 'pediatrie' }));
    expect(state).toMatchObject({ id: CASE_ID, candidateId: CANDIDATE, status: 'draft', version: 1, data: { specialty: 'pediatrie' } });
  });

  it('refuses a draft naming a commune that does not exist, or dates that contradict each other', () => {
    const decision = decide(
      createDraft({ targets: { communes: ['37999'] }, internship: { startDate: '2027-01-10', endDate: '2026-12-01' }, desiredInstallationDate: '2020-01-01' }),
      undefined,
      rules,
    );
    expect(decision).toEqual({
      ok: false,
      refusal: {
        code: 'invalid',
        detail: expect.any(String),
        errors: [
          { field: 'targets.communes[0]', detail: 'code INSEE inconnu : aucune commune ne porte le code 37999' },
          { field: 'internship.endDate', detail: 'la date de fin du stage doit suivre sa date de début' },
          { field: 'desiredInstallationDate', detail: 'la date d’installation souhaitée est déjà passée' },
        ],
      },
    });
  });

  it('refuses an internship longer than two years, a typing mistake that matching would pay as months of aid', () => {
    const decision = decide(createDraft({ internship: { startDate: '2000-01-01', endDate: '2026-11-02' } }), undefined, rules);
    expect(decision).toEqual({
      ok: false,
      refusal: { code: 'invalid', detail: expect.any(String), errors: [{ field: 'internship.endDate', detail: 'un stage dure au plus 2 ans : vérifiez ses dates' }] },
    });
  });

  it('refuses to submit an incomplete request, listing every missing field in French', () => {
    const { state } = given(createDraft({ status: 'intern', targets: { departements: ['37'] } }));
    const decision = decide(submit(), state, rules);
    if (decision.ok) throw new Error('submission accepted');
    expect(decision.refusal.code).toBe('incomplete');
    expect(decision.refusal.errors?.map((error) => error.field)).toEqual(
      expect.arrayContaining(['identity', 'contact', 'specialty', 'desiredInstallationDate', 'practice', 'needs', 'aids', 'consents', 'faculty', 'internship']),
    );
    expect(decision.refusal.detail).toContain('identité');
    expect(decision.refusal.detail).toContain('date d’installation souhaitée');
    expect(decision.refusal.errors?.every((error) => error.detail === 'champ obligatoire')).toBe(true);
  });

  it('submits a complete request with the territory of the desk, as a valid contract event', () => {
    const { state, events } = given(createDraft(complete), submit());
    const submitted = events.filter(isPublished);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]?.type).toBe('fr.sante.guichet.intake.request-submitted.v1');
    expect(validateEvent(submitted[0]!.type, submitted[0]!.data).ok).toBe(true);
    expect(state).toMatchObject({ status: 'submitted', version: 2, territory: { regions: ['24'], departements: ['37'], communes: ['37072'] } });
  });

  it('refuses a request whose every target is served by another region’s desk', () => {
    const { state } = given(createDraft({ ...complete, targets: { communes: ['2A004'] } }));
    const decision = decide(submit(), state, rules);
    expect(decision).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'outside-desk-territory', detail: expect.stringContaining('Corse') }) });
  });

  it('lets the candidate edit a submitted request only when asked for information, keeping it complete', () => {
    const ask: CaseCommand = {
      type: 'request-information',
      data: { infoRequestId: '44444444-4444-4444-8444-444444444444', question: 'Votre adresse e-mail a-t-elle changé ?', dueDate: '2026-10-20' },
      metadata: asCaseworker(at(3)),
    };
    const edit = (draft: typeof complete | Record<string, unknown>): CaseCommand => ({ type: 'update-request', data: { draft }, metadata: asCandidate(at(4)) });
    const submitted = given(createDraft(complete), submit()).state;
    expect(decide(edit({ ...complete, notes: 'ajout' }), submitted, rules)).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'not-editable' }) });
    const { state } = given(createDraft(complete), submit(), ask);
    expect(decide(edit({ ...complete, identity: undefined }), state, rules)).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'incomplete' }) });
    const edited = decide(edit({ ...complete, contact: { email: 'lea@example.org' } }), state, rules);
    if (!edited.ok) throw new Error(edited.refusal.detail);
    expect(edited.events).toEqual([
      expect.objectContaining({ type: 'fr.sante.guichet.intake.request-updated.v1', data: expect.objectContaining({ changedFields: ['contact.email', 'contact.homeCommuneCode', 'contact.phone'], version: 4 }) }),
    ]);
  });

  it('lets only a caseworker move the case, with a reason where a person decides', () => {
    const { state } = given(createDraft(complete), submit());
    const byCandidate = decide({ type: 'change-status', data: { to: 'under_review', reason: 'moi' }, metadata: asCandidate(at(3)) }, state, rules);
    expect(byCandidate).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'actor-not-allowed' }) });
    const jump = decide({ type: 'change-status', data: { to: 'installed', reason: 'fait' }, metadata: asCaseworker(at(3)) }, state, rules);
    expect(jump).toEqual({ ok: false, refusal: { code: 'transition-not-allowed', detail: 'Un dossier « déposée » ne peut pas passer à « installé ».' } });
    const review = decide({ type: 'change-status', data: { to: 'under_review', reason: 'Prise en charge' }, metadata: asCaseworker(at(3)) }, state, rules);
    if (!review.ok) throw new Error(review.refusal.detail);
    expect(review.events[0]).toMatchObject({ data: { from: 'submitted', to: 'under_review', reason: 'Prise en charge', nextStep: { waitingOn: 'desk', dueDate: '2026-10-18' } } });
  });

  it('asks the candidate for information with a deadline, and resumes the review on the answer', () => {
    const ask: CaseCommand = {
      type: 'request-information',
      data: { infoRequestId: '44444444-4444-4444-8444-444444444444', question: 'Joindre votre convention de stage', dueDate: '2026-10-20' },
      metadata: asCaseworker(at(3)),
    };
    const { state, events } = given(createDraft(complete), submit(), ask);
    expect(state.status).toBe('awaiting_candidate');
    expect(events.at(-1)).toMatchObject({ data: { to: 'awaiting_candidate', nextStep: { waitingOn: 'candidate', dueDate: '2026-10-20' }, infoRequest: { dueDate: '2026-10-20' } } });
    const answered = given(createDraft(complete), submit(), ask, {
      type: 'answer-information',
      data: { infoRequestId: '44444444-4444-4444-8444-444444444444', answer: 'Convention envoyée par courrier' },
      metadata: asCandidate(at(4)),
    });
    expect(answered.state.status).toBe('under_review');
    expect(answered.state.infoRequests[0]).toMatchObject({ status: 'answered', answer: 'Convention envoyée par courrier' });
  });

  it('moves the case to proposals_ready when proposals arrive, and ignores a duplicate or an older set', () => {
    const { state } = given(createDraft(complete), submit(), recordProposals(proposals(SET_2, at(4))));
    expect(state.status).toBe('proposals_ready');
    expect(decide(recordProposals(proposals(SET_2, at(4))), state, rules)).toEqual({ ok: true, events: [] });
    expect(decide(recordProposals(proposals(SET_1, at(3))), state, rules)).toEqual({ ok: true, events: [] });
  });

  it('sends the accepted bundle to matching, then follows the reservation', () => {
    const accepted = given(createDraft(complete), submit(), recordProposals(proposals(SET_1, at(4))), accept());
    expect(accepted.events.at(-1)).toMatchObject({
      type: 'fr.sante.guichet.intake.bundle-accepted.v1',
      data: { proposalSetId: SET_1, bundleId: BUNDLE_1, offerIds: ['c0ffee00-0000-4000-8000-000000000001'] },
    });
    const confirmed = decide(reservation('confirmed'), accepted.state, rules);
    if (!confirmed.ok) throw new Error(confirmed.refusal.detail);
    const inProgress = applyEvents(accepted.state, confirmed.events, at(6));
    expect(inProgress?.status).toBe('in_progress');
    expect(decide(reservation('confirmed'), inProgress, rules)).toEqual({ ok: true, events: [] });
  });

  it('returns to proposals_ready with the fresh set after a rejected reservation, whatever arrives first', () => {
    const accepted = given(createDraft(complete), submit(), recordProposals(proposals(SET_1, at(4))), accept());
    const fresh = recordProposals(proposals(SET_2, at(7), 'reservation-rejected'), at(7));
    const rejectedFirst = given(createDraft(complete), submit(), recordProposals(proposals(SET_1, at(4))), accept(), reservation('rejected'), fresh).state;
    const freshFirst = given(createDraft(complete), submit(), recordProposals(proposals(SET_1, at(4))), accept(), fresh, reservation('rejected')).state;
    for (const state of [rejectedFirst, freshFirst]) {
      expect(state.status).toBe('proposals_ready');
      expect(state.proposals.at(-1)?.proposalSetId).toBe(SET_2);
      expect(state.acceptance?.outcome).toBe('rejected');
    }
    expect(accepted.state.status).toBe('accepted');
    const again = decide(accept(SET_2, BUNDLE_2), rejectedFirst, rules);
    expect(again.ok).toBe(true);
  });

  it('refuses to act on proposals that newer ones replaced', () => {
    const { state } = given(createDraft(complete), submit(), recordProposals(proposals(SET_1, at(4))), recordProposals(proposals(SET_2, at(5))));
    expect(decide(accept(SET_1, BUNDLE_1), state, rules)).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'stale-proposals' }) });
    const decline = decide({ type: 'decline-proposals', data: { proposalSetId: SET_2, reason: 'Trop loin de ma famille' }, metadata: asCandidate(at(6)) }, state, rules);
    expect(decline).toEqual({ ok: true, events: [expect.objectContaining({ type: 'fr.sante.guichet.intake.proposals-declined.v1' })] });
  });

  it('withdraws a draft without telling partners, a submitted case with an event', () => {
    const draft = given(createDraft(), { type: 'withdraw', data: {}, metadata: asCandidate(at(2)) });
    expect(draft.events.filter(isPublished)).toEqual([]);
    expect(draft.state.status).toBe('withdrawn');
    const submitted = given(createDraft(complete), submit(), { type: 'withdraw', data: { reason: 'Projet abandonné' }, metadata: asCandidate(at(3)) });
    expect(submitted.events.at(-1)).toMatchObject({ type: 'fr.sante.guichet.intake.request-withdrawn.v1', data: { reason: 'Projet abandonné' } });
  });

  it('erases every personal field and announces it', () => {
    const { state, events } = given(createDraft(complete), submit(), { type: 'erase', metadata: asCandidate(at(3)) });
    expect(events.at(-1)).toEqual({ type: 'fr.sante.guichet.intake.request-erased.v1', data: { requestId: CASE_ID, erasedAt: at(3) } });
    expect(state).toMatchObject({ candidateId: '', data: {}, comments: [], infoRequests: [], proposals: [], status: 'withdrawn', erasedAt: at(3) });
    expect(JSON.stringify(state)).not.toMatch(/Léa|Martin|lea\.martin|06 12/);
    expect(decide(submit(), state, rules)).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'not-found' }) });
  });

  it('lets the desk itself erase a closed case at the end of its retention, and no case still open', () => {
    const open = given(createDraft(complete), submit());
    expect(decide({ type: 'erase', metadata: asSystem(at(3)) }, open.state, rules)).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'actor-not-allowed' }) });
    const closed = given(createDraft(complete), submit(), { type: 'withdraw', data: { reason: 'Projet abandonné' }, metadata: asCandidate(at(3)) }, { type: 'erase', metadata: asSystem(at(4)) });
    expect(closed.events.at(-1)).toEqual({ type: 'fr.sante.guichet.intake.request-erased.v1', data: { requestId: CASE_ID, erasedAt: at(4) } });
    expect(JSON.stringify(closed.state)).not.toMatch(/Léa|Martin|lea\.martin|06 12/);
  });

  it('produces events that all satisfy their contract', () => {
    const { events } = given(
      createDraft(complete),
      submit(),
      { type: 'change-status', data: { to: 'under_review', reason: 'Prise en charge' }, metadata: asCaseworker(at(3)) },
      recordProposals(proposals(SET_1, at(4))),
      accept(),
      reservation('confirmed'),
      { type: 'change-status', data: { to: 'installed', reason: 'Installation à Chinon' }, metadata: asCaseworker(at(9)) },
    );
    for (const event of events.filter(isPublished)) expect([event.type, validateEvent(event.type, event.data).ok]).toEqual([event.type, true]);
  });
});
