export { OfferIndex, type OfferEvent, type OfferIndexOptions, type OfferIndexStats, type OfferOfKind, type OfferSource } from './offer-index.js';
export { CommuneDirectory, type NearCommune } from './commune-directory.js';
export { ReplayProgress } from './replay-progress.js';
