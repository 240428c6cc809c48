import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { enumLabels } from '@guichet/contracts';
import type { CriterionReason, EligibilityResult, EligibilityVerdict, VerdictStatus } from '@guichet/contracts';
import { formatMoney } from './format.js';

const statusText: Record<VerdictStatus, string> = {
  eligible: 'Éligible',
  'needs-information': 'À préciser',
  'not-eligible': 'Non éligible',
};
const statusSeverity: Record<VerdictStatus, 'success' | 'warning' | 'error'> = {
  eligible: 'success',
  'needs-information': 'warning',
  'not-eligible': 'error',
};
const outcomeText: Record<CriterionReason['outcome'], string> = {
  met: 'Critère rempli',
  'not-met': 'Critère non rempli',
  unknown: 'Information manquante',
  informative: 'À vérifier par le financeur',
};
const outcomeIcon: Record<CriterionReason['outcome'], string> = {
  met: 'fr-icon-check-line fr-text-default--success',
  'not-met': 'fr-icon-close-line fr-text-default--error',
  unknown: 'fr-icon-question-line fr-text-default--warning',
  informative: 'fr-icon-information-line fr-text-default--info',
};
const order: VerdictStatus[] = ['eligible', 'needs-information', 'not-eligible'];

function amountText(verdict: EligibilityVerdict): string {
  const { amount } = verdict;
  if (amount.basis === 'not-estimable' || !amount.estimated) return 'Montant non estimable';
  const prefix = amount.basis === 'maximum' ? 'Jusqu’à ' : '';
  const months = amount.months ? ` sur ${amount.months} mois` : '';
  return `${prefix}${formatMoney(amount.estimated)}${months}`;
}

function VerdictDetail({ verdict }: { verdict: EligibilityVerdict }) {
  return (
    <>
      <p className="fr-mb-1w">
        <strong>{amountText(verdict)}</strong> — {verdict.amount.message}
      </p>
      <p className="fr-text--sm fr-mb-1w">
        Financeur : {enumLabels.AidFunder[verdict.funder]} · {enumLabels.AidCategory[verdict.category]} · règle version {verdict.schemeVersion}
      </p>
      <ul className="fr-mb-1w" aria-label={`Critères de ${verdict.schemeName}`}>
        {verdict.reasons.map((reason, index) => (
          <li key={`${reason.code}-${index}`}>
            <span className={outcomeIcon[reason.outcome]} aria-hidden="true" /> <span className="fr-sr-only">{outcomeText[reason.outcome]} : </span>
            {reason.message}
          </li>
        ))}
      </ul>
      {verdict.hint && (
        <p className="fr-text--sm fr-mb-0">
          <span className="fr-icon-lightbulb-line" aria-hidden="true" /> {verdict.hint.message}
          {verdict.hint.communes && verdict.hint.communes.length > 0 && (
            <> Par exemple : {verdict.hint.communes.map((commune) => `${commune.name} (${commune.distanceKm} km)`).join(', ')}.</>
          )}
        </p>
      )}
    </>
  );
}

/** The aids out of reach, folded: one panel lists each with the criterion that fails. */
function NotEligible({ verdicts, headingLevel }: { verdicts: EligibilityVerdict[]; headingLevel: 'h2' | 'h3' | 'h4' }) {
  const Heading = headingLevel;
  const SubHeading = headingLevel === 'h2' ? 'h3' : headingLevel === 'h3' ? 'h4' : 'h5';
  return (
    <section className="fr-mb-3w">
      <Heading className="fr-h5">
        {statusText['not-eligible']} ({verdicts.length})
      </Heading>
      <Accordion label={`Voir les ${verdicts.length} aides non ouvertes et pourquoi`} titleAs={SubHeading}>
        <ul>
          {verdicts.map((verdict) => (
            <li key={verdict.schemeId} className="fr-mb-1w">
              <strong>{verdict.schemeName}</strong> ({enumLabels.AidFunder[verdict.funder]}) :{' '}
              {verdict.reasons
                .filter((reason) => reason.outcome === 'not-met')
                .map((reason) => reason.message)
                .join(' ') || verdict.reasons[0]?.message}
              {verdict.hint && <> {verdict.hint.message}</>}
            </li>
          ))}
        </ul>
      </Accordion>
    </section>
  );
}

/** Every aid scheme evaluated for a place: verdict, why (each criterion), and the amount. */
export function VerdictList({ result, headingLevel = 'h3' }: { result: EligibilityResult; headingLevel?: 'h2' | 'h3' | 'h4' }) {
  const Heading = headingLevel;
  const combination = result.bestCombination;
  return (
    <>
      <div className="fr-callout fr-mb-3w">
        {combination.headline && <p className="fr-callout__title">{combination.headline.title}</p>}
        {combination.headline?.estimate && <p className="fr-callout__text fr-text--bold">{combination.headline.estimate}</p>}
        <p className="fr-callout__text">{combination.message}</p>
        {combination.limits && combination.limits.length > 0 && (
          <ul className="fr-text--sm" aria-label="Plafonds et limites de cumul">
            {combination.limits.map((limit) => (
              <li key={`${limit.code}-${limit.schemeIds.join('-')}`}>
                {limit.message}
              </li>
            ))}
          </ul>
        )}
        {combination.excluded.length > 0 && (
          <ul className="fr-text--sm">
            {combination.excluded.map((excluded) => (
              <li key={excluded.schemeId}>{excluded.message}</li>
            ))}
          </ul>
        )}
      </div>
      {order.map((status) => {
        const verdicts = result.verdicts.filter((verdict) => verdict.status === status);
        if (verdicts.length === 0) return null;
        if (status === 'not-eligible') return <NotEligible key={status} verdicts={verdicts} headingLevel={headingLevel} />;
        return (
          <section key={status} className="fr-mb-3w">
            <Heading className="fr-h5">
              {statusText[status]} ({verdicts.length})
            </Heading>
            <div className="fr-accordions-group">
              {verdicts.map((verdict) => (
                <Accordion
                  key={verdict.schemeId}
                  titleAs={headingLevel === 'h2' ? 'h3' : headingLevel === 'h3' ? 'h4' : 'h5'}
                  label={
                    <span>
                      {verdict.schemeName}{' '}
                      <Badge as="span" small severity={statusSeverity[status]} noIcon>
                        {statusText[status]}
                      </Badge>{' '}
                      <span className="fr-text--sm fr-ml-1w">{amountText(verdict)}</span>
                    </span>
                  }
                >
                  <VerdictDetail verdict={verdict} />
                </Accordion>
              ))}
            </div>
          </section>
        );
      })}
    </>
  );
}
