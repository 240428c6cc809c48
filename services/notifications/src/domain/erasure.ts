/** The parts of a stakeholder event that name or reach the candidate: what an erasure removes. */
export const IDENTIFYING_FIELDS = ['identity', 'contact'] as const;

const identifying = new Set<string>(IDENTIFYING_FIELDS);

/** A stakeholder event's data once its case is erased. */
export function withoutIdentity(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([field]) => !identifying.has(field)));
}
