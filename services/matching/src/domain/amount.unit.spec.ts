import { describe, expect, it } from '@jest/globals';
import type { AidAmount, AidScheme, EligibilityProfile } from '@guichet/contracts';
import { estimateAmount } from './amount.js';

const profile: EligibilityProfile = { status: 'junior-doctor', projects: ['installation'] };
const money = (euros: number) => ({ amountCents: euros * 100, currency: 'EUR' as const });

function scheme(amount: Partial<AidAmount>, commitmentYears: number | null = 3): AidScheme {
  return {
    id: 'prime-commune',
    version: 2,
    name: "Prime d'installation de la commune",
    acronym: null,
    funder: 'commune',
    kind: 'lump-sum',
    category: 'installation',
    beneficiary: 'professional',
    dateBasis: 'installation',
    validFrom: null,
    validUntil: null,
    commitmentYears,
    criteria: [],
    amount: { nature: 'grant', payments: [], paidOver: 'commitment', note: '', ...amount },
    notCumulableWith: [],
    exclusiveGroups: [],
    confidence: 'stated',
  };
}

describe('estimated amount over the commitment period', () => {
  const perZone = scheme({
    payments: [
      { period: 'once', amount: money(10_000), zones: ['zip'], upTo: false },
      { period: 'once', amount: money(5_000), zones: ['zac'], upTo: false },
    ],
  });

  it('takes the payment of the zone of the place: 10 000 € in ZIP, 5 000 € in ZAC', () => {
    expect(estimateAmount(perZone, profile, 'zip')).toMatchObject({ estimated: money(10_000), basis: 'exact' });
    expect(estimateAmount(perZone, profile, 'zac')).toMatchObject({ estimated: money(5_000), basis: 'exact' });
  });

  it('gives the best case, marked as a maximum, when the zone is unknown or outside the zoning', () => {
    expect(estimateAmount(perZone, profile, null)).toMatchObject({ estimated: money(10_000), basis: 'maximum' });
    expect(estimateAmount(perZone, profile, 'none').message).toMatch(/^Jusqu'à 10\u00a0000\u00a0€ selon la zone/);
  });

  it('multiplies yearly and monthly payments over the commitment and applies caps', () => {
    const yearly = scheme({ payments: [{ period: 'year', amount: money(5_000), upTo: false }] });
    expect(estimateAmount(yearly, profile, 'zip')).toMatchObject({ estimated: money(15_000), months: 36, basis: 'exact' });
    const capped = scheme({ payments: [{ period: 'month', amount: money(1_000), upTo: false }], capTotal: money(20_000) });
    expect(estimateAmount(capped, profile, 'zip')).toMatchObject({ estimated: money(20_000), basis: 'maximum' });
  });

  it('does not count guarantees, loans, help in kind or tax exemptions as money received', () => {
    for (const nature of ['income-guarantee', 'loan', 'in-kind', 'tax-exemption', 'service', 'unspecified'] as const) {
      expect(estimateAmount(scheme({ nature, payments: [{ period: 'month', amount: money(6_900), upTo: false }], note: 'note' }), profile, 'zip')).toMatchObject({ estimated: null, basis: 'not-estimable', message: 'note' });
    }
  });

  it('cannot estimate monthly payments without a duration', () => {
    expect(estimateAmount(scheme({ payments: [{ period: 'month', amount: money(100), upTo: false }] }, null), profile, 'zip').basis).toBe('not-estimable');
  });
});
