import type { ReactNode } from 'react';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { BundleDigest } from '@guichet/contracts';
import type { HttpClient } from '../api/http.js';
import { useCommunes } from '../territory/communes.js';
import { zoneLabel } from '../ui/labels.js';
import { OfferSummary } from '../ui/OfferSummary.js';
import { AidDigestList } from './AidDigestList.js';

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A proposed bundle and why: its offers, the score term by term, the aids it opens. */
export function BundleCard({ bundle, matching, actions }: { bundle: BundleDigest; matching: HttpClient; actions?: ReactNode }) {
  const reference = useCommunes();
  const place = reference?.label(bundle.communeCode) ?? bundle.communeCode;
  const headingId = `proposition-${bundle.id}`;
  return (
    <section aria-labelledby={headingId} className="fr-mb-6w fr-p-3w" style={{ border: '1px solid var(--border-default-grey)' }}>
      <h2 id={headingId} className="fr-h4">
        Proposition n° {bundle.rank} : {place} ({zoneLabel(bundle.zone)})
      </h2>
      <p>{bundle.explanation}</p>
      <ul>
        {bundle.premisesOfferId && <OfferSummary matching={matching} offerId={bundle.premisesOfferId} kind="premises" />}
        {bundle.housingOfferId && <OfferSummary matching={matching} offerId={bundle.housingOfferId} kind="housing" />}
        {bundle.jobOfferId && <OfferSummary matching={matching} offerId={bundle.jobOfferId} kind="job" />}
      </ul>
      {bundle.distancesKm && (
        <p className="fr-text--sm">
          {bundle.distancesKm.practiceToTarget !== undefined && <>Cabinet à {number.format(bundle.distancesKm.practiceToTarget)} km du lieu visé. </>}
          {bundle.distancesKm.housingToInternship !== undefined && <>Logement à {number.format(bundle.distancesKm.housingToInternship)} km du stage. </>}
          {bundle.distancesKm.jobToPractice !== undefined && <>Emploi du conjoint à {number.format(bundle.distancesKm.jobToPractice)} km du cabinet.</>}
        </p>
      )}
      <Table
        caption={`Pourquoi cette proposition : score ${number.format(bundle.score.total)}`}
        headers={['Critère', 'Poids', 'Valeur', 'Contribution']}
        data={bundle.score.terms.map((term) => [term.label, number.format(term.weight), number.format(term.value), number.format(term.contribution)])}
        fixed
      />
      <h3 className="fr-h5">Aides ouvertes par ce lieu</h3>
      <AidDigestList bundle={bundle} />
      {actions}
    </section>
  );
}
