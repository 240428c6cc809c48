import type { HousingDetails, HousingOffer, JobDetails, JobOffer, PremisesDetails, PremisesOffer } from '@guichet/contracts';
import type { Located } from '../src/domain/bundle-types.js';
import type { Coordinates } from '../src/domain/geo.js';

/** Points of Indre-et-Loire used as offer and target locations. */
export const PLACES = {
  tours: { communeCode: '37261', name: 'Tours', location: { lat: 47.3941, lng: 0.6848 } },
  loches: { communeCode: '37132', name: 'Loches', location: { lat: 47.1286, lng: 0.9953 } },
  ligueil: { communeCode: '37123', name: 'Ligueil', location: { lat: 47.0431, lng: 0.8163 } },
  amboise: { communeCode: '37003', name: 'Amboise', location: { lat: 47.4125, lng: 0.9826 } },
  chinon: { communeCode: '37072', name: 'Chinon', location: { lat: 47.1675, lng: 0.2422 } },
  beaulieu: { communeCode: '37020', name: 'Beaulieu-lès-Loches', location: { lat: 47.1261, lng: 1.0172 } },
} as const satisfies Record<string, { communeCode: string; name: string; location: Coordinates }>;

type Place = (typeof PLACES)[keyof typeof PLACES];

const common = (id: string, place: Place) => ({
  id,
  status: 'available' as const,
  version: 1,
  publisherId: 'publisher.37',
  territory: { regions: ['24' as const], departements: ['37'], communes: [place.communeCode] },
  publishedAt: '2026-05-01T08:00:00Z',
  updatedAt: '2026-05-01T08:00:00Z',
});

export function premises(id: string, place: Place, details: Partial<PremisesDetails> = {}, located: Coordinates | null = place.location): Located<PremisesOffer> {
  return {
    offer: {
      ...common(id, place),
      kind: 'premises',
      details: {
        premisesType: 'msp-room',
        title: `Cabinet ${place.name}`,
        communeCode: place.communeCode,
        surfaceM2: 20,
        monthlyRent: { amountCents: 50_000, currency: 'EUR' },
        availableFrom: '2026-09-01',
        ...details,
      },
    },
    location: located,
  };
}

export function housing(id: string, place: Place, details: Partial<HousingDetails> = {}): Located<HousingOffer> {
  return {
    offer: {
      ...common(id, place),
      kind: 'housing',
      details: {
        title: `Studio ${place.name}`,
        communeCode: place.communeCode,
        beds: 1,
        monthlyPrice: { amountCents: 30_000, currency: 'EUR' },
        availablePeriods: [{ from: '2026-10-01', until: '2027-06-30' }],
        eligibleOccupants: ['intern', 'junior-doctor'],
        ...details,
      },
    },
    location: place.location,
  };
}

export function job(id: string, place: Place, details: Partial<JobDetails> = {}): Located<JobOffer> {
  return {
    offer: {
      ...common(id, place),
      kind: 'job',
      details: {
        title: `Infirmier(ère) à ${place.name}`,
        profession: 'sante-infirmier',
        employer: 'Centre hospitalier',
        employmentSector: 'public',
        communeCode: place.communeCode,
        contractType: 'permanent',
        workingTime: 'full-time',
        ...details,
      },
    },
    location: place.location,
  };
}
