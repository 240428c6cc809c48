import type { InstallationRequestComplete, ProposalsComputed } from '@guichet/contracts';
import type { CaseCommand, CommandMetadata } from './case-commands.js';
import type { CaseEvent } from './case-events.js';
import type { CaseState } from './case-state.js';
import { decide, type DecisionRules } from './decide.js';
import type { PlaceLookup } from './desk-territory.js';
import { applyEvents } from './evolve.js';

// Test data shared by the domain's unit specs: a few real communes, a complete request, a decider run.

const COMMUNES: Record<string, { region: string; departement: string }> = {
  '37261': { region: '24', departement: '37' },
  '37072': { region: '24', departement: '37' },
  '36044': { region: '24', departement: '36' },
  '75056': { region: '11', departement: '75' },
  '2A004': { region: '94', departement: '2A' },
};
const DEPARTEMENTS: Record<string, string> = { '37': '24', '36': '24', '45': '24', '75': '11', '2A': '94', '2B': '94' };
const REGIONS: Record<string, string> = { '24': 'Centre-Val de Loire', '11': 'Île-de-France', '94': 'Corse' };

export const places: PlaceLookup = {
  regionOfCommune: (insee) => COMMUNES[insee]?.region,
  departementOfCommune: (insee) => COMMUNES[insee]?.departement,
  regionOfDepartement: (code) => DEPARTEMENTS[code],
  regionName: (code) => REGIONS[code],
};

export const rules: DecisionRules = { places, deskRegions: ['24'], targets: { submitted: 5, under_review: 15, awaiting_candidate: 15, proposals_ready: 15, accepted: 10, in_progress: 90 } };

export const CASE_ID = '7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30';
export const CANDIDATE = '5f0c2b64-41cb-4f43-9d8e-2c8b9f1d7a10';
export const CASEWORKER = 'a0e4c1f2-9d3b-4f6e-8a1c-2b7d5e9f0c31';

export const complete: InstallationRequestComplete = {
  identity: { firstName: 'Léa', lastName: 'Martin' },
  contact: { email: 'lea.martin@example.org', phone: '06 12 34 56 78', homeCommuneCode: '37261' },
  status: 'intern',
  specialty: 'medecine-generale',
  faculty: 'Université de Tours, UFR de médecine',
  internship: { communeCode: '37072', hospitalName: 'Centre hospitalier du Chinonais', chuCommuneCode: '37261', startDate: '2026-11-02', endDate: '2027-04-30', ambulatory: true },
  targets: { communes: ['37072'], departements: ['37'], radiusKm: 30 },
  desiredInstallationDate: '2027-05-01',
  practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
  needs: { housing: { from: '2026-11-02', until: '2027-04-30', maxMonthlyRent: { amountCents: 40000, currency: 'EUR' }, people: 2 } },
  aids: { interested: true, schemeIds: ['cesp'] },
  consents: { ars: true, cpam: true, ordre: true, collectivites: false },
};

export const at = (day: number): string => new Date(Date.UTC(2026, 9, day, 9)).toISOString();

export const asCandidate = (now: string): CommandMetadata => ({ now, actor: { kind: 'candidate', id: CANDIDATE } });
export const asCaseworker = (now: string): CommandMetadata => ({ now, actor: { kind: 'caseworker-ars', id: CASEWORKER } });
export const asSystem = (now: string): CommandMetadata => ({ now, actor: { kind: 'system', id: 'matching' } });

/** Runs commands one after the other, failing loudly on a refusal: the "given" of a test. */
export function given(...commands: CaseCommand[]): { state: CaseState; events: CaseEvent[] } {
  let state: CaseState | undefined;
  const events: CaseEvent[] = [];
  for (const command of commands) {
    const decision = decide(command, state, rules);
    if (!decision.ok) throw new Error(`${command.type} refusé : ${decision.refusal.detail}`);
    events.push(...decision.events);
    state = applyEvents(state, decision.events, command.metadata.now);
  }
  if (state === undefined) throw new Error('aucun dossier créé');
  return { state, events };
}

export const createDraft = (draft = {}, now = at(1)): CaseCommand => ({ type: 'create-draft', data: { requestId: CASE_ID, draft }, metadata: asCandidate(now) });
export const submit = (now = at(2)): CaseCommand => ({ type: 'submit', metadata: asCandidate(now) });

export function proposals(id: string, computedAt: string, trigger: ProposalsComputed['trigger'] = 'request-submitted'): ProposalsComputed {
  return {
    proposalSetId: id,
    requestId: CASE_ID,
    requestVersion: 2,
    computedAt,
    trigger,
    bundles: [
      {
        id: `${id.slice(0, 8)}-0000-4000-8000-000000000001`,
        rank: 1,
        communeCode: '37072',
        zone: 'zip',
        housingOfferId: 'c0ffee00-0000-4000-8000-000000000001',
        score: { total: 1, terms: [] },
        aids: [],
        aidsNotOpen: 0,
        bestCombination: { schemeIds: [], total: { amountCents: 0, currency: 'EUR' } },
        explanation: 'Logement à 2 km du lieu de stage.',
      },
    ],
  };
}
