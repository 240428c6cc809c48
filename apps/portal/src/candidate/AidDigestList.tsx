import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { enumLabels } from '@guichet/contracts';
import type { AidDigest, BundleDigest } from '@guichet/contracts';
import { Link } from 'react-router-dom';
import { formatMoney } from '../ui/format.js';

const statusText: Record<AidDigest['status'], string> = { eligible: 'Éligible', 'needs-information': 'À préciser' };
const statusSeverity: Record<AidDigest['status'], 'success' | 'warning'> = { eligible: 'success', 'needs-information': 'warning' };

function amountText({ amount }: AidDigest): string {
  if (amount.basis === 'not-estimable' || !amount.estimated) return 'Montant non estimable';
  const prefix = amount.basis === 'maximum' ? 'Jusqu’à ' : '';
  const months = amount.months ? ` sur ${amount.months} mois` : '';
  return `${prefix}${formatMoney(amount.estimated)}${months}`;
}

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The aids a bundle opens or may open, each with its amount and what it still lacks. */
export function AidDigestList({ bundle }: { bundle: BundleDigest }) {
  const { aids, aidsNotOpen, bestCombination } = bundle;
  return (
    <>
      {bestCombination.headline ? (
        <>
          <p className="fr-text--bold">{bestCombination.headline.title}</p>
          {bestCombination.headline.estimate && <p className="fr-text--bold">{bestCombination.headline.estimate}</p>}
        </>
      ) : (
        bestCombination.total.amountCents > 0 && <p className="fr-text--bold">Montant estimé des aides cumulables : {formatMoney(bestCombination.total)}</p>
      )}
      {bestCombination.limits && bestCombination.limits.length > 0 && (
        <ul className="fr-text--sm" aria-label="Plafonds et limites de cumul">
          {bestCombination.limits.map((limit) => (
            <li key={`${limit.code}-${limit.schemeIds.join('-')}`}>{limit.message}</li>
          ))}
        </ul>
      )}
      {aids.length === 0 ? (
        <p>Aucune aide ouverte par ce lieu pour votre situation.</p>
      ) : (
        <ul>
          {aids.map((aid) => (
            <li key={aid.schemeId} className="fr-mb-2w">
              <strong>{aid.schemeName}</strong>{' '}
              <Badge as="span" small severity={statusSeverity[aid.status]} noIcon>
                {statusText[aid.status]}
              </Badge>{' '}
              <span className="fr-text--sm">
                {amountText(aid)} — {aid.amount.message} ({enumLabels.AidFunder[aid.funder]})
              </span>
              {aid.failing.length > 0 && (
                <ul aria-label={`Ce qu’il manque pour ${aid.schemeName}`}>
                  {aid.failing.map((criterion, index) => (
                    <li key={`${criterion.code}-${index}`}>
                      <span className={criterion.outcome === 'unknown' ? 'fr-icon-question-line fr-text-default--warning' : 'fr-icon-close-line fr-text-default--error'} aria-hidden="true" />{' '}
                      <span className="fr-sr-only">{criterion.outcome === 'unknown' ? 'Information manquante' : 'Critère non rempli'} : </span>
                      {criterion.message}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {aidsNotOpen > 0 && (
        <p className="fr-text--sm">
          {count(aidsNotOpen, 'autre aide évaluée n’est pas ouverte', 'autres aides évaluées ne sont pas ouvertes')} par ce lieu. Le{' '}
          <Link to="/simulation">simulateur d’aides</Link> détaille chaque critère ; l’agent qui suit votre dossier en a le détail.
        </p>
      )}
    </>
  );
}
