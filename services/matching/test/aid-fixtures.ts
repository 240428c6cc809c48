import type { AidFunder, AidScheme, TerritoryCriterion } from '@guichet/contracts';

type Territory = Omit<TerritoryCriterion, 'kind'>;

/** A local authority's lump sum, limited to one or more territory criteria (each checked on its own). */
export function localAid(id: string, funder: AidFunder, territories: readonly Territory[], overrides: Partial<AidScheme> = {}): AidScheme {
  return {
    id,
    version: 1,
    name: 'Prime locale à l’installation des médecins',
    acronym: null,
    funder,
    kind: 'lump-sum',
    category: 'installation',
    beneficiary: 'professional',
    dateBasis: 'installation',
    validFrom: '2026-01-01',
    validUntil: null,
    commitmentYears: 3,
    criteria: [
      { kind: 'audience', statuses: ['graduated-doctor', 'installed-doctor'] },
      { kind: 'project', projects: ['installation'] },
      ...territories.map((territory): TerritoryCriterion => ({ kind: 'territory', ...territory })),
      { kind: 'commitment', years: 3 },
    ],
    amount: { nature: 'grant', payments: [{ period: 'once', amount: { amountCents: 500_000, currency: 'EUR' }, upTo: false }], paidOver: 'commitment', note: 'Versée à la signature de la convention.' },
    notCumulableWith: [],
    exclusiveGroups: [],
    confidence: 'stated',
    ...overrides,
  };
}
