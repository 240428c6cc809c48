// The demo candidates, one of each main kind, with the request each files through intake with
// their own account. Dates follow the interns' semesters (November-April, May-October).
import type { InstallationRequestDraft } from '@guichet/contracts';

export interface DemoCandidate {
  readonly username: string;
  /** What the demo shows with this candidate. */
  readonly story: string;
  /** The départements whose caseworkers follow the request (its targets). */
  readonly departements: readonly string[];
  readonly request: InstallationRequestDraft;
}

/** An 11-digit RPPS number ending with its Luhn key, as intake checks it. */
export function rppsNumber(first10: string): string {
  const digits = [...first10].map(Number);
  const sum = digits.reverse().reduce((total, digit, index) => {
    const doubled = index % 2 === 0 ? digit * 2 : digit;
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return `${first10}${(10 - (sum % 10)) % 10}`;
}

const euros = (amount: number) => ({ amountCents: amount * 100, currency: 'EUR' as const });
const consents = { ars: true, cpam: true, ordre: true, collectivites: true };

export const DEMO_CANDIDATES: readonly DemoCandidate[] = [
  {
    username: 'interne.36',
    story: 'interne en stage à Châteauroux, cherche un logement pour le semestre et un cabinet près d’Aigurande ou de Châteaumeillant',
    departements: ['18', '36'],
    request: {
      identity: { firstName: 'Inès', lastName: 'Semestre' },
      contact: { email: 'interne.36@guichet.example', homeCommuneCode: '37261' },
      status: 'intern',
      specialty: 'medecine-generale',
      faculty: 'Université de Tours, UFR de médecine',
      internship: { communeCode: '36044', hospitalName: 'Centre hospitalier de Châteauroux', chuCommuneCode: '37261', startDate: '2027-05-03', endDate: '2027-10-31', ambulatory: false },
      targets: { communes: ['36001', '18057'], radiusKm: 25 },
      desiredInstallationDate: '2028-11-02',
      practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
      needs: {
        housing: { from: '2027-05-03', until: '2027-10-31', maxMonthlyRent: euros(400), people: 1 },
        premises: { premisesTypes: ['msp-room', 'individual-practice'], surfaceM2Min: 15, surfaceM2Max: 45, maxMonthlyRent: euros(600), availableFrom: '2028-11-02' },
      },
      aids: { interested: true },
      consents,
    },
  },
  {
    username: 'docteur-junior.45',
    story: 'docteur junior de médecine générale (4e année) en stage ambulatoire à Pithiviers, logé pour le semestre, installation prévue sur place',
    departements: ['45'],
    request: {
      identity: { firstName: 'Jules', lastName: 'Quatrième-Année' },
      contact: { email: 'docteur-junior.45@guichet.example', homeCommuneCode: '45234' },
      status: 'junior-doctor',
      specialty: 'medecine-generale',
      faculty: 'Université de Tours, UFR de médecine',
      internship: { communeCode: '45252', hospitalName: 'Maison de santé pluriprofessionnelle de Pithiviers', chuCommuneCode: '45234', startDate: '2027-05-03', endDate: '2027-10-31', ambulatory: true },
      targets: { communes: ['45252'], departements: ['45'], radiusKm: 25 },
      desiredInstallationDate: '2027-11-02',
      practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
      needs: {
        housing: { from: '2027-05-03', until: '2027-10-31', maxMonthlyRent: euros(350), people: 1 },
        premises: { premisesTypes: ['msp-room', 'centre-de-sante'], surfaceM2Min: 15, maxMonthlyRent: euros(600), availableFrom: '2027-11-02' },
      },
      aids: { interested: true },
      consents,
    },
  },
  {
    username: 'medecin.18',
    story: 'jeune médecin thésée qui s’installe dans le Cher avec son conjoint infirmier, qui cherche un poste',
    departements: ['18'],
    request: {
      identity: { firstName: 'Manon', lastName: 'Couple' },
      contact: { email: 'medecin.18@guichet.example', homeCommuneCode: '37261' },
      status: 'graduated-doctor',
      specialty: 'medecine-generale',
      rpps: rppsNumber('1000236718'),
      targets: { communes: ['18197', '18279'], departements: ['18'], radiusKm: 20 },
      desiredInstallationDate: '2027-09-01',
      practice: { mode: 'group', sector: '1', daysPerWeek: 4.5, coordinatedPractice: true, onCallParticipation: true },
      needs: {
        premises: { premisesTypes: ['individual-practice', 'msp-room'], surfaceM2Min: 15, maxMonthlyRent: euros(650), availableFrom: '2027-09-01' },
        spouseJob: { profession: 'sante-infirmier', employmentSector: 'any', workingTime: 'any', maxCommuteKm: 30 },
      },
      aids: { interested: true },
      consents,
    },
  },
  {
    username: 'medecin.28',
    story: 'médecin installé en Île-de-France qui vient exercer en Eure-et-Loir',
    departements: ['28'],
    request: {
      identity: { firstName: 'Mathis', lastName: 'Mutation' },
      contact: { email: 'medecin.28@guichet.example', homeCommuneCode: '75056' },
      status: 'installed-doctor',
      installedSince: '2019-09-02',
      specialty: 'medecine-generale',
      rpps: rppsNumber('1000452819'),
      targets: { communes: ['28134', '28088'], departements: ['28'], radiusKm: 20 },
      desiredInstallationDate: '2027-06-01',
      practice: { mode: 'msp', sector: '1', daysPerWeek: 5, coordinatedPractice: true, onCallParticipation: true },
      needs: {
        premises: { premisesTypes: ['msp-room', 'individual-practice', 'centre-de-sante'], surfaceM2Min: 20, maxMonthlyRent: euros(700), availableFrom: '2027-06-01' },
      },
      aids: { interested: true },
      consents,
    },
  },
];
