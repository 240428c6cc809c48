import { Table } from '@codegouvfr/react-dsfr/Table';
import type { ProposalSet } from '@guichet/contracts';
import { useCommunes } from '../territory/communes.js';
import { formatDate, formatMoney } from '../ui/format.js';
import { zoneLabel } from '../ui/labels.js';

export function ProposalsSummary({ proposals }: { proposals: ProposalSet }) {
  const reference = useCommunes();
  return (
    <>
      <p>
        Calculées le {formatDate(proposals.computedAt)} (version {proposals.requestVersion} de la demande). {proposals.noBundleReason}
      </p>
      <Table
        caption="Ensembles proposés"
        headers={['Rang', 'Commune', 'Zonage', 'Score', 'Aides cumulables', 'Explication']}
        data={proposals.bundles.map((bundle) => [
          String(bundle.rank),
          reference?.label(bundle.communeCode) ?? bundle.communeCode,
          zoneLabel(bundle.zone),
          bundle.score.total.toLocaleString('fr-FR'),
          formatMoney(bundle.eligibility.bestCombination.total),
          bundle.explanation,
        ])}
      />
    </>
  );
}
