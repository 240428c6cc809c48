import { ConflictProblem, ForbiddenProblem, HttpProblem, NotFoundProblem, staleVersionProblem, UnprocessableProblem } from '@guichet/platform';
import type { UseCaseError } from '../../application/index.js';
import type { Refusal, RefusalCode } from '../../domain/index.js';

/** HTTP status and stable slug of each refusal of the decider. */
const REFUSALS: Readonly<Record<RefusalCode, { status: 404 | 409 | 422; slug: string; title: string }>> = {
  'not-found': { status: 404, slug: 'ressource-introuvable', title: 'Ressource introuvable' },
  'already-exists': { status: 409, slug: 'deja-existant', title: 'Demande déjà existante' },
  'transition-not-allowed': { status: 409, slug: 'transition-interdite', title: 'Changement de statut impossible' },
  'actor-not-allowed': { status: 409, slug: 'transition-interdite', title: 'Changement de statut impossible' },
  'not-editable': { status: 409, slug: 'demande-non-modifiable', title: 'Demande non modifiable' },
  'stale-proposals': { status: 409, slug: 'propositions-remplacees', title: 'Propositions remplacées' },
  'no-open-info-request': { status: 409, slug: 'demande-information-close', title: 'Demande d’information close' },
  'reason-required': { status: 422, slug: 'motif-obligatoire', title: 'Motif obligatoire' },
  invalid: { status: 422, slug: 'donnees-incoherentes', title: 'Données incohérentes' },
  incomplete: { status: 422, slug: 'demande-incomplete', title: 'Demande incomplète' },
  'outside-desk-territory': { status: 422, slug: 'hors-territoire-du-guichet', title: 'Projet hors du territoire de ce guichet' },
  'unknown-bundle': { status: 422, slug: 'proposition-inconnue', title: 'Proposition inconnue' },
  'use-information-request': { status: 422, slug: 'demande-information-requise', title: 'Demande d’information requise' },
};

function refusalProblem(refusal: Refusal): HttpProblem {
  const { status, slug, title } = REFUSALS[refusal.code];
  const options = { slug, title, errors: refusal.errors ?? [] };
  if (status === 404) return new NotFoundProblem(refusal.detail, options);
  if (status === 409) return new ConflictProblem(refusal.detail, options);
  return new UnprocessableProblem(refusal.detail, options);
}

/** The one place where expected failures of the use cases become RFC 9457 problems. */
export function problemOf(error: UseCaseError): HttpProblem {
  switch (error.kind) {
    case 'not-found':
      return new NotFoundProblem(error.detail);
    case 'out-of-territory':
      return new ForbiddenProblem(error.detail, { slug: 'hors-territoire' });
    case 'version-conflict':
      return staleVersionProblem(error.detail, error.currentVersion);
    case 'refused':
      return refusalProblem(error.refusal);
  }
}

