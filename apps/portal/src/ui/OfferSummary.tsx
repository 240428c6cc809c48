import { useMemo } from 'react';
import type { Offer } from '@guichet/contracts';
import { matchingApi } from '../api/matching.js';
import type { HttpClient } from '../api/http.js';
import { useCommunes } from '../territory/communes.js';
import { formatDate, formatMoney } from './format.js';
import { useLoad } from './useLoad.js';

const kindTitle = { premises: 'Local', housing: 'Logement', job: 'Emploi du conjoint' } as const;

export function offerLine(offer: Offer, commune: (insee: string) => string): string {
  switch (offer.kind) {
    case 'premises':
      return `${offer.details.title} — ${commune(offer.details.communeCode)}, ${offer.details.surfaceM2} m², ${formatMoney(offer.details.monthlyRent)} par mois, disponible le ${formatDate(offer.details.availableFrom)}`;
    case 'housing':
      return `${offer.details.title} — ${commune(offer.details.communeCode)}, ${offer.details.beds} lit(s), ${formatMoney(offer.details.monthlyPrice)} par mois`;
    case 'job':
      return `${offer.details.title} — ${offer.details.employer}, ${commune(offer.details.communeCode)}`;
  }
}

/** One offer of a bundle, read from the catalogue. */
export function OfferSummary({ matching, offerId, kind }: { matching: HttpClient; offerId: string; kind: keyof typeof kindTitle }) {
  const api = useMemo(() => matchingApi(matching), [matching]);
  const reference = useCommunes();
  const [offer] = useLoad(() => api.offer(offerId), [api, offerId]);
  const commune = (insee: string) => reference?.label(insee) ?? insee;
  return (
    <li>
      <strong>{kindTitle[kind]} :</strong>{' '}
      {offer.kind === 'ok' ? offerLine(offer.data, commune) : offer.kind === 'loading' ? 'chargement…' : `offre ${offerId.slice(0, 8)} (détail indisponible)`}
    </li>
  );
}
