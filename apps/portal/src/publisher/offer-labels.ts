import type { OfferKind, OfferStatus } from '@guichet/contracts';

export const kindLabels: Record<OfferKind, string> = { premises: 'Local professionnel', housing: 'Logement de stage', job: 'Emploi pour un conjoint' };
export const offerStatusLabels: Record<OfferStatus, string> = { available: 'Disponible', reserved: 'Réservée', withdrawn: 'Retirée' };
