import type { CaseStatus, NextStep as PublicNextStep } from '@guichet/contracts';

/** Target durations in days, per status, configured per desk. A status without target has no deadline. */
export type StatusTargets = Readonly<Partial<Record<CaseStatus, number>>>;

export const DEFAULT_TARGETS: StatusTargets = {
  submitted: 5,
  under_review: 15,
  awaiting_candidate: 15,
  proposals_ready: 15,
  accepted: 10,
  in_progress: 90,
};

/** While the case waits on the candidate, the desk's clock stops. */
const WAITING_ON_CANDIDATE: ReadonlySet<CaseStatus> = new Set(['draft', 'awaiting_candidate', 'proposals_ready']);
const TERMINAL: ReadonlySet<CaseStatus> = new Set(['installed', 'closed', 'withdrawn']);

/** False for the statuses in which the case waits on the candidate, and for ended cases. */
export const countsAgainstDesk = (status: CaseStatus): boolean => !WAITING_ON_CANDIDATE.has(status) && !TERMINAL.has(status);

const NEXT_STEP: Readonly<Record<CaseStatus, string>> = {
  draft: 'Compléter et déposer votre demande',
  submitted: 'Un agent du guichet prend en charge votre dossier',
  under_review: 'Le guichet examine votre dossier et prépare des propositions',
  awaiting_candidate: 'Répondre à la demande d’information du guichet',
  proposals_ready: 'Choisir une proposition ou les décliner',
  accepted: 'Le guichet confirme les réservations de votre proposition',
  in_progress: 'Votre installation est accompagnée par votre référent',
  installed: 'Dossier terminé : installation réalisée',
  closed: 'Dossier clôturé',
  withdrawn: 'Demande retirée',
};

export interface StatusEntry {
  status: CaseStatus;
  /** ISO 8601 instant the case entered this status. */
  at: string;
}

const DAY_MS = 86_400_000;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

export interface TimeSpent {
  /** Milliseconds per status, over the whole history up to `now`. */
  perStatus: Partial<Record<CaseStatus, number>>;
  /** Time that counts against the desk: every open status except those waiting on the candidate. */
  deskMs: number;
  candidateMs: number;
}

/** Figures computed from the status history alone (the events), never from a stored counter. */
export function timeSpent(history: readonly StatusEntry[], now: string): TimeSpent {
  const perStatus: Partial<Record<CaseStatus, number>> = {};
  let deskMs = 0;
  let candidateMs = 0;
  history.forEach((entry, index) => {
    if (TERMINAL.has(entry.status)) return;
    const end = history[index + 1]?.at ?? now;
    const duration = Math.max(0, Date.parse(end) - Date.parse(entry.at));
    perStatus[entry.status] = (perStatus[entry.status] ?? 0) + duration;
    if (WAITING_ON_CANDIDATE.has(entry.status)) candidateMs += duration;
    else deskMs += duration;
  });
  return { perStatus, deskMs, candidateMs };
}

export interface NextStep {
  status: CaseStatus;
  label: string;
  waitingOn: 'desk' | 'candidate' | 'nobody';
  /** Expected date of the next step, when the status has a target. */
  dueAt: string | null;
  overdue: boolean;
}

/**
 * The next step and its expected date. An information request carries its own deadline, which
 * wins over the desk's default for `awaiting_candidate`.
 */
export function nextStep(current: StatusEntry, now: string, targets: StatusTargets = DEFAULT_TARGETS, ownDeadline?: string): NextStep {
  const target = targets[current.status];
  const dueAt = ownDeadline ?? (target === undefined ? null : addDays(current.at, target));
  return {
    status: current.status,
    label: NEXT_STEP[current.status],
    waitingOn: TERMINAL.has(current.status) ? 'nobody' : WAITING_ON_CANDIDATE.has(current.status) ? 'candidate' : 'desk',
    dueAt,
    overdue: dueAt !== null && Date.parse(now) > Date.parse(dueAt),
  };
}

/** An information request is due at the end of its due day. */
export const endOfDay = (day: string): string => `${day}T23:59:59.999Z`;

/** The next step as the contract shows it: only when someone is expected to act by a date. */
export function publicNextStep(current: StatusEntry, now: string, targets: StatusTargets, ownDeadline?: string): PublicNextStep | undefined {
  const step = nextStep(current, now, targets, ownDeadline);
  if (step.waitingOn === 'nobody' || step.dueAt === null) return undefined;
  return { description: step.label, waitingOn: step.waitingOn, dueDate: step.dueAt.slice(0, 10) };
}
