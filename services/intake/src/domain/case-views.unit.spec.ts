import { describe, expect, it } from '@jest/globals';
import { validateCaseDetail, validateCaseSummary, validateInstallationRequest } from '@guichet/contracts';
import { asCaseworker, asSystem, at, complete, createDraft, given, proposals, rules, submit } from './case.fixtures.js';
import { caseDetail, caseSummary, dueAt, requestView } from './case-views.js';

describe('case views', () => {
  const submitted = given(createDraft(complete), submit(at(2))).state;

  it('shows the queue line with its age, due date and lateness, as the contract says', () => {
    const summary = caseSummary(submitted, at(9), rules.targets);
    expect(summary).toMatchObject({ status: 'submitted', candidateName: 'Léa Martin', specialty: 'medecine-generale', ageDays: 7, dueDate: '2026-10-07', overdue: true });
    expect(validateCaseSummary(summary).ok).toBe(true);
    expect(dueAt(submitted, rules.targets)).toBe(new Date(Date.parse(at(2)) + 5 * 86_400_000).toISOString());
  });

  it('keeps the most favourable zone of the proposals', () => {
    const { state } = given(createDraft(complete), submit(at(2)), { type: 'record-proposals', data: proposals('11111111-1111-4111-8111-111111111111', at(3)), metadata: asSystem(at(3)) });
    expect(caseSummary(state, at(4), rules.targets).bestZone).toBe('zip');
  });

  it('shows a docteur junior’s placement, where and when, apart from the installation zone; an intern’s internship is not one', () => {
    const placement = { ...complete.internship!, communeCode: '36044' };
    const junior = given(createDraft({ ...complete, status: 'junior-doctor', internship: placement }), submit(at(2)), {
      type: 'record-proposals',
      data: proposals('11111111-1111-4111-8111-111111111111', at(3)),
      metadata: asSystem(at(3)),
    }).state;
    const summary = caseSummary(junior, at(4), rules.targets);
    expect(summary).toMatchObject({ candidateStatus: 'junior-doctor', placement: { communeCode: '36044', startDate: '2026-11-02', endDate: '2027-04-30' }, bestZone: 'zip' });
    expect(summary.placement).not.toHaveProperty('hospitalName');
    expect(validateCaseSummary(summary).ok).toBe(true);
    const intern = given(createDraft({ ...complete, status: 'intern', internship: placement }), submit(at(2))).state;
    expect(caseSummary(intern, at(4), rules.targets)).not.toHaveProperty('placement');
  });

  it('tells the candidate the next step and its date, and none for a draft', () => {
    expect(requestView(submitted, at(3), rules.targets).nextStep).toEqual({ description: 'Un agent du guichet prend en charge votre dossier', waitingOn: 'desk', dueDate: '2026-10-07' });
    const draft = given(createDraft()).state;
    expect(requestView(draft, at(3), rules.targets).nextStep).toBeUndefined();
    expect(validateInstallationRequest(requestView(submitted, at(3), rules.targets)).ok).toBe(true);
  });

  it('gives the time spent per status, the candidate’s waiting apart', () => {
    const { state } = given(
      createDraft(complete),
      submit(at(2)),
      { type: 'change-status', data: { to: 'under_review', reason: 'Prise en charge' }, metadata: asCaseworker(at(3)) },
      {
        type: 'request-information',
        data: { infoRequestId: '44444444-4444-4444-8444-444444444444', question: 'Votre convention ?', dueDate: '2026-10-20' },
        metadata: asCaseworker(at(5)),
      },
    );
    const detail = caseDetail(state, at(12), rules.targets);
    expect(validateCaseDetail(detail).ok).toBe(true);
    expect(detail.timeInStatus).toEqual([
      { status: 'draft', days: 1, countsAgainstDesk: false },
      { status: 'submitted', days: 1, countsAgainstDesk: true, targetDays: 5 },
      { status: 'under_review', days: 2, countsAgainstDesk: true, targetDays: 15 },
      { status: 'awaiting_candidate', days: 7, countsAgainstDesk: false, targetDays: 15 },
    ]);
    expect(caseSummary(state, at(12), rules.targets)).toMatchObject({ dueDate: '2026-10-20', overdue: false });
  });
});
