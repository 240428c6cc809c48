import { Table } from '@codegouvfr/react-dsfr/Table';
import type { AidCombination, ProposalSet, ScoreTerm } from '@guichet/contracts';
import { useCommunes } from '../territory/communes.js';
import { formatDate } from '../ui/format.js';
import { zoneLabel } from '../ui/labels.js';

/** Open aids and the estimable sum apart: an open aid without an estimate never reads as « 0 € ». */
function aidsCell(combination: AidCombination): string {
  const { headline } = combination;
  if (!headline) return combination.message;
  return headline.estimate ? `${headline.title}. ${headline.estimate}` : headline.title;
}

/** Why the bundle ranks where it does: each criterion of its score, the weightiest first. */
function reasonsCell(terms: readonly ScoreTerm[]) {
  if (terms.length === 0) return '—';
  return (
    <ul className="fr-text--sm fr-mb-0">
      {[...terms]
        .sort((a, b) => b.contribution - a.contribution)
        .map((term) => (
          <li key={term.code}>
            {term.label} : {Math.round(term.value * 100)} % (poids {Math.round(term.weight * 100)} %)
          </li>
        ))}
    </ul>
  );
}

export function ProposalsSummary({ proposals }: { proposals: ProposalSet }) {
  const reference = useCommunes();
  return (
    <>
      <p>
        Calculées le {formatDate(proposals.computedAt)} (version {proposals.requestVersion} de la demande). {proposals.noBundleReason}
      </p>
      <Table
        caption="Ensembles proposés"
        headers={['Rang', 'Commune', 'Zonage', 'Score', 'Raisons du classement', 'Aides cumulables', 'Explication']}
        data={proposals.bundles.map((bundle) => [
          String(bundle.rank),
          reference?.label(bundle.communeCode) ?? bundle.communeCode,
          zoneLabel(bundle.zone),
          bundle.score.total.toLocaleString('fr-FR'),
          reasonsCell(bundle.score.terms),
          aidsCell(bundle.eligibility.bestCombination),
          bundle.explanation,
        ])}
      />
    </>
  );
}
