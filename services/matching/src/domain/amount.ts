import type { AidPayment, AidScheme, AmountEstimate, EligibilityProfile, Zone } from '@guichet/contracts';
import { coveredMonths } from './dates.js';
import { eur, formatEuros } from './money.js';
import { plural } from './labels.js';

/** A semester: the length of an internship when the request gives no dates. */
export const DEFAULT_INTERNSHIP_MONTHS = 6;

const NOT_ESTIMABLE_NATURES = new Set(['income-guarantee', 'loan', 'in-kind', 'tax-exemption', 'service', 'unspecified']);

const PERIOD_WORDS: Record<AidPayment['period'], string> = { once: 'une fois', month: 'par mois', semester: 'par semestre', year: 'par an' };

/**
 * Estimated amount over the commitment period (or the internship, or a fixed number of months),
 * for the zone of the place: payments tied to another zone are left out, caps applied, and the
 * result marked « maximum » when a payment is only an upper bound or a cap bit. Guarantees, loans,
 * benefits in kind and tax exemptions are not money received: they are « not estimable ».
 */
export function estimateAmount(scheme: AidScheme, profile: EligibilityProfile, zone: Zone | null): AmountEstimate {
  const { amount } = scheme;
  const months = periodMonths(scheme, profile);
  const applicable = amount.payments.filter((p) => !p.zones || (zone !== null && zone !== 'none' && p.zones.includes(zone)));
  const zoneSpecific = amount.payments.some((p) => p.zones);
  if (NOT_ESTIMABLE_NATURES.has(amount.nature) || amount.payments.length === 0) {
    return { estimated: null, basis: 'not-estimable', months, message: amount.note };
  }
  if (applicable.length === 0) {
    if (zoneSpecific && (zone === null || zone === 'none')) {
      const best = Math.max(...amount.payments.map((p) => paymentTotal(p, months ?? 12)));
      return { estimated: eur(best), basis: 'maximum', months, message: `Jusqu'à ${formatEuros(best)} selon la zone de la commune. ${amount.note}`.trim() };
    }
    return { estimated: null, basis: 'not-estimable', months, message: amount.note };
  }
  const needsMonths = applicable.some((p) => p.period !== 'once' && p.count === undefined);
  if (needsMonths && months === null) {
    return { estimated: null, basis: 'not-estimable', months, message: `${describePayments(applicable)}, durée de versement non connue. ${amount.note}`.trim() };
  }
  const effectiveMonths = months ?? 0;
  let total = applicable.reduce((sum, p) => sum + paymentTotal(p, effectiveMonths), 0);
  let capped = false;
  if (amount.capPerYear) {
    const years = Math.max(1, Math.ceil(effectiveMonths / 12));
    const cap = amount.capPerYear.amountCents * years;
    if (total > cap) [total, capped] = [cap, true];
  }
  if (amount.capTotal && total > amount.capTotal.amountCents) [total, capped] = [amount.capTotal.amountCents, true];
  const upTo = capped || applicable.some((p) => p.upTo);
  const oneOff = applicable.every((p) => p.period === 'once');
  const detail = oneOff ? (applicable.length > 1 ? ` (${describePayments(applicable)})` : ', versés une fois') : ` sur ${plural(effectiveMonths, 'mois', 'mois')} (${describePayments(applicable)})`;
  const message = `${upTo ? "Jusqu'à " : ''}${formatEuros(total)}${detail}. ${amount.note}`.trim();
  return { estimated: eur(total), basis: upTo ? 'maximum' : 'exact', months, message };
}

function periodMonths(scheme: AidScheme, profile: EligibilityProfile): number | null {
  switch (scheme.amount.paidOver) {
    case 'commitment':
      return scheme.commitmentYears === null ? null : scheme.commitmentYears * 12;
    case 'internship':
      return profile.internship ? coveredMonths(profile.internship.startDate, profile.internship.endDate) : DEFAULT_INTERNSHIP_MONTHS;
    case 'fixed-months':
      return scheme.amount.paidOverMonths ?? null;
  }
}

function paymentTotal(payment: AidPayment, months: number): number {
  const cents = payment.amount.amountCents;
  switch (payment.period) {
    case 'once':
      return cents * (payment.count ?? 1);
    case 'month':
      return cents * (payment.count ?? months);
    case 'semester':
      return cents * (payment.count ?? Math.max(1, Math.ceil(months / 6)));
    case 'year':
      return cents * (payment.count ?? Math.max(1, Math.ceil(months / 12)));
  }
}

function describePayments(payments: readonly AidPayment[]): string {
  return payments
    .map((p) => `${p.upTo ? "jusqu'à " : ''}${formatEuros(p.amount.amountCents)} ${PERIOD_WORDS[p.period]}${p.count !== undefined && p.period !== 'once' ? ` pendant ${p.count} ${p.period === 'month' ? 'mois' : p.period === 'year' ? 'ans' : 'semestres'}` : ''}`)
    .join(' + ');
}
