import type { Result as Outcome } from '@guichet/platform';
import type { Refusal } from '../domain/index.js';

export { fail, ok } from '@guichet/platform';

/** Expected failures of a use case, mapped to HTTP once, at the edge. */
export type UseCaseError =
  | { kind: 'not-found'; detail: string }
  | { kind: 'out-of-territory'; detail: string }
  | { kind: 'version-conflict'; detail: string; currentVersion: number }
  | { kind: 'refused'; refusal: Refusal };

export type Result<T> = Outcome<T, UseCaseError>;

export const NOT_FOUND: UseCaseError = { kind: 'not-found', detail: 'Cette demande n’existe pas ou ne vous est pas accessible.' };
export const OUT_OF_TERRITORY: UseCaseError = {
  kind: 'out-of-territory',
  detail: 'Ce dossier relève d’un autre territoire que le vôtre : vous ne pouvez pas y accéder.',
};
export const LOST_RACE = (currentVersion: number): UseCaseError => ({
  kind: 'version-conflict',
  detail: 'La demande a été modifiée entre-temps ; rechargez-la puis réessayez.',
  currentVersion,
});
