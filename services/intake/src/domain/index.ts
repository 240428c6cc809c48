export { decide, type Decision, type DecisionRules, type Refusal, type RefusalCode } from './decide.js';
export { evolve, applyEvents, PROPOSAL_SETS_KEPT } from './evolve.js';
export type { CaseCommand, CaseCommandType, CommandMetadata } from './case-commands.js';
export { INTAKE_EVENTS, isPublished, type CaseEvent, type InternalEvent, type PublishedEvent } from './case-events.js';
export {
  currentProposals,
  openInfoRequest,
  summarizeProposals,
  EMPTY_TERRITORY,
  type Acceptance,
  type ActorKind,
  type BundleSummary,
  type CaseState,
  type ProposalSummary,
} from './case-state.js';
export { candidateAccess, caseworkerAccess, scopeReaches, type AccessDecision, type ScopeClaims } from './case-access.js';
export { caseDetail, caseSummary, requestView, timeInStatus, dueAt, bestZone } from './case-views.js';
export { auditRecordOf, type AuditRecord } from './audit.js';
export { accessActionOf, organisationOf, type AccessAction, type AccessRecord } from './access-log.js';
export { checkCompleteness, domainErrors, dayOf, type CompletenessCheck } from './request-checks.js';
export { fieldLabel } from './field-labels.js';
export { diffFields, type FieldChange } from './diff.js';
export { DEFAULT_TARGETS, nextStep, timeSpent, type StatusTargets, type StatusEntry } from './deadlines.js';
export { checkTransition, isTerminal, STATUS_LABELS, TRANSITIONS } from './lifecycle.js';
export { placeInDeskTerritory, type PlaceLookup, type TerritoryLookup } from './desk-territory.js';
export { computeStatistics, submittedWithin, type CaseFacts, type StatisticsPeriod } from './statistics.js';
export { openDataCsv, openDataOf, SECRECY_THRESHOLD } from './open-data.js';
