import type { Territory } from '@guichet/contracts';
import { departementInScope, departementOfCommune, regionInScope, regionOfDepartement, scopeOf, touches as inScope } from '@guichet/territory';
import { isEmptyFilter, touches, type TerritoryFilter } from './places.js';
import { stakeholderOfEventType, type Stakeholder } from './stakeholders.js';

/** What a partner may see: the territory of its access token, read by the one territory policy (the most precise claim wins). */
export interface PartnerScope {
  regions: readonly string[];
  departements: readonly string[];
}

export interface FieldProblem {
  field: string;
  detail: string;
}

/** Event types a subscription may name: published ones, of the partner's own family only. */
export function eventTypeProblems(stakeholder: Stakeholder, eventTypes: readonly string[], published: ReadonlySet<string>): FieldProblem[] {
  return eventTypes.flatMap((type, index): FieldProblem[] => {
    const field = `eventTypes[${index}]`;
    if (!published.has(type)) return [{ field, detail: `type d'événement inconnu : ${type}` }];
    if (stakeholderOfEventType(type) !== stakeholder) return [{ field, detail: `type d'événement réservé à une autre famille de partenaires que la vôtre (${stakeholder})` }];
    return [];
  });
}

/** Parts of a territory filter that lie outside what the partner may see. */
export function outOfScope(filter: TerritoryFilter, claims: PartnerScope): FieldProblem[] {
  const scope = scopeOf(claims);
  const problems: FieldProblem[] = [];
  (filter.regions ?? []).forEach((region, index) => {
    if (!regionInScope(scope, region)) problems.push({ field: `territory.regions[${index}]`, detail: `région ${region} hors de votre territoire` });
  });
  (filter.departements ?? []).forEach((departement, index) => {
    if (!departementInScope(scope, departement, regionOfDepartement)) problems.push({ field: `territory.departements[${index}]`, detail: `département ${departement} hors de votre territoire` });
  });
  (filter.communes ?? []).forEach((commune, index) => {
    if (!departementInScope(scope, departementOfCommune(commune), regionOfDepartement)) problems.push({ field: `territory.communes[${index}]`, detail: `commune ${commune} hors de votre territoire` });
  });
  return problems;
}

export interface SubscriptionTarget {
  stakeholder: Stakeholder;
  eventTypes: readonly string[];
  territory?: TerritoryFilter;
  scope: PartnerScope;
}

/**
 * A stakeholder event goes to a subscription when the type is subscribed, the event lies in the
 * partner's own territory, and in its filter when it set one. An event without territory cannot be
 * placed, so it goes nowhere.
 */
export function subscriptionWants(subscription: SubscriptionTarget, type: string, territory: Territory | undefined): boolean {
  if (!territory || !subscription.eventTypes.includes(type)) return false;
  if (stakeholderOfEventType(type) !== subscription.stakeholder) return false;
  if (!inScope(scopeOf(subscription.scope), territory, regionOfDepartement)) return false;
  return !subscription.territory || isEmptyFilter(subscription.territory) || touches(territory, subscription.territory);
}
