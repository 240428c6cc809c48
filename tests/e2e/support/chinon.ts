/**
 * The demo case of the cross-service tests: an intern of the Chinon hospital (Indre-et-Loire,
 * Centre-Val de Loire) who wants to settle in a maison de santé there, and the offers that fit.
 */
export const chinon = '37072';

export interface CandidateNames {
  lastName: string;
  email: string;
}

/** A complete request; `needs` and `consents` differ from one test to another. */
export function chinonRequest({ lastName, email }: CandidateNames, needs: Record<string, unknown>, consents: Record<string, boolean>) {
  return {
    identity: { firstName: 'Léa', lastName },
    contact: { email, homeCommuneCode: '37261' },
    status: 'intern',
    specialty: 'medecine-generale',
    faculty: 'Université de Tours, UFR de médecine',
    internship: { communeCode: chinon, hospitalName: 'Centre hospitalier du Chinonais', chuCommuneCode: '37261', startDate: '2027-05-03', endDate: '2027-10-31', ambulatory: true },
    targets: { communes: [chinon], departements: ['37'], radiusKm: 30 },
    desiredInstallationDate: '2027-11-02',
    practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
    needs,
    aids: { interested: true },
    consents,
  };
}

/** A room in a maison de santé in Chinon, published by the Indre-et-Loire publisher. */
export function chinonPremises(title: string) {
  return {
    kind: 'premises',
    details: {
      premisesType: 'msp-room', title, communeCode: chinon, surfaceM2: 18,
      monthlyRent: { amountCents: 35000, currency: 'EUR' }, availableFrom: '2027-09-01', contact: { name: 'Mairie de Chinon', email: 'sante@ville-chinon.example.fr' },
    },
  };
}
