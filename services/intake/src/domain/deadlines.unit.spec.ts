import { describe, expect, it } from '@jest/globals';
import { nextStep, timeSpent, type StatusEntry } from './deadlines.js';

const DAY = 86_400_000;

describe('deadlines', () => {
  const history: StatusEntry[] = [
    { status: 'draft', at: '2026-01-01T00:00:00.000Z' },
    { status: 'submitted', at: '2026-01-03T00:00:00.000Z' },
    { status: 'under_review', at: '2026-01-05T00:00:00.000Z' },
    { status: 'awaiting_candidate', at: '2026-01-08T00:00:00.000Z' },
    { status: 'under_review', at: '2026-01-18T00:00:00.000Z' },
    { status: 'proposals_ready', at: '2026-01-20T00:00:00.000Z' },
  ];

  it('does not count the time a case waits on the candidate against the desk', () => {
    const spent = timeSpent(history, '2026-01-25T00:00:00.000Z');
    expect(spent.deskMs).toBe((2 + 3 + 2) * DAY);
    expect(spent.candidateMs).toBe((2 + 10 + 5) * DAY);
    expect(spent.perStatus.under_review).toBe(5 * DAY);
  });

  it('stops every clock once the case has ended', () => {
    const ended = [...history, { status: 'withdrawn' as const, at: '2026-01-21T00:00:00.000Z' }];
    expect(timeSpent(ended, '2027-01-01T00:00:00.000Z').candidateMs).toBe((2 + 10 + 1) * DAY);
  });

  it('tells the candidate the next step, its date and whether it is late', () => {
    const step = nextStep({ status: 'submitted', at: '2026-01-03T00:00:00.000Z' }, '2026-01-09T00:00:00.000Z');
    expect(step).toEqual({
      status: 'submitted',
      label: 'Un agent du guichet prend en charge votre dossier',
      waitingOn: 'desk',
      dueAt: '2026-01-08T00:00:00.000Z',
      overdue: true,
    });
  });

  it('uses the deadline of an information request rather than the default', () => {
    const step = nextStep({ status: 'awaiting_candidate', at: '2026-01-08T00:00:00.000Z' }, '2026-01-09T00:00:00.000Z', undefined, '2026-01-12T00:00:00.000Z');
    expect(step.dueAt).toBe('2026-01-12T00:00:00.000Z');
    expect(step.waitingOn).toBe('candidate');
    expect(step.overdue).toBe(false);
  });
});
