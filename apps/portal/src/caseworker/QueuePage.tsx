import { useMemo } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { CaseSummary } from '@guichet/contracts';
import { departementsInScope, scopeOf } from '@guichet/territory/scope';
import { Link, useSearchParams } from 'react-router-dom';
import { caseworkerApi } from '../api/intake.js';
import type { QueueFilters } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import { useCommunes } from '../territory/communes.js';
import { formatDay } from '../ui/format.js';
import { candidateStatusLabel, shortZoneLabel, specialtyLabel } from '../ui/labels.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { useLoad } from '../ui/useLoad.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { filtersOfParams, paramsOfFilters, withFilter } from './queue-query.js';
import { QueueFiltersForm } from './QueueFiltersForm.js';

/** The queue's zone is the best one among the case's proposals: before any, there is none to show. */
const proposalsZone = (item: CaseSummary) => (item.bestZone ? shortZoneLabel(item.bestZone) : 'Pas encore de proposition');

function row(item: CaseSummary, departementName: (code: string) => string) {
  return [
    <Link to={`/agent/dossiers/${item.id}`}>{item.candidateName ?? `Dossier ${item.id.slice(0, 8)}`}</Link>,
    <StatusBadge status={item.status} />,
    item.candidateStatus ? candidateStatusLabel(item.candidateStatus) : '—',
    specialtyLabel(item.specialty),
    item.territory.departements.map(departementName).join(', ') || item.territory.regions.join(', '),
    proposalsZone(item),
    item.referent?.displayName ?? item.referent?.id ?? 'Aucun',
    formatDay(item.submittedAt),
    <>
      {formatDay(item.dueDate)}{' '}
      {item.overdue && (
        <Badge as="span" severity="error" small>
          En retard
        </Badge>
      )}
    </>,
  ];
}

export default function QueuePage() {
  usePageTitle('File des dossiers');
  const { intake, principal } = useSession();
  const api = useMemo(() => caseworkerApi(intake), [intake]);
  const reference = useCommunes();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOfParams(params), [params]);
  const [page, reload] = useLoad(() => api.queue({ ...filters, limit: 50 }), [api, params.toString()]);
  const departements = departementsInScope(scopeOf(principal), (region) => reference?.departementsOfRegion(region) ?? []);
  const change = (update: Partial<QueueFilters>) => setParams(paramsOfFilters(withFilter(filters, update)));

  return (
    <>
      <h1>File des dossiers</h1>
      <ul className="guichet-actions">
        <li>
          <Button
            priority={filters.candidateStatus === 'junior-doctor' ? 'primary' : 'secondary'}
            onClick={() => setParams(paramsOfFilters(withFilter({}, { candidateStatus: 'junior-doctor', sort: 'dueDate' })))}
          >
            Docteurs juniors en stage
          </Button>
        </li>
        <li>
          <Button priority="tertiary" onClick={() => setParams({})}>
            Tous les dossiers
          </Button>
        </li>
      </ul>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <QueueFiltersForm filters={filters} departements={departements} onChange={change} />
        </div>
        <div className="fr-col-12 fr-col-md-9" aria-live="polite" aria-busy={page.kind === 'loading'}>
          {page.kind === 'loading' && <p role="status">Chargement de la file…</p>}
          {page.kind === 'failed' && (
            <>
              <ProblemAlert problem={page.problem} title="La file n’a pas pu être chargée" />
              <Button onClick={reload}>Réessayer</Button>
            </>
          )}
          {page.kind === 'ok' && page.data.items.length === 0 && <p>Aucun dossier ne correspond à ces filtres.</p>}
          {page.kind === 'ok' && page.data.items.length > 0 && (
            <>
              <Table
                caption={`${page.data.items.length} dossier${page.data.items.length > 1 ? 's' : ''}${page.data.page.nextCursor ? ' (page suivante disponible)' : ''}`}
                headers={['Candidat', 'Statut', 'Situation', 'Spécialité', 'Département', 'Zonage des propositions', 'Référent', 'Déposé le', 'Échéance']}
                data={page.data.items.map((item) => row(item, (code) => (reference ? `${reference.departementName(code)} (${code})` : code)))}
              />
              <ul className="guichet-actions">
                {filters.cursor && (
                  <li>
                    <Button priority="secondary" onClick={() => change({})}>
                      Première page
                    </Button>
                  </li>
                )}
                {page.data.page.nextCursor && (
                  <li>
                    <Button priority="secondary" onClick={() => setParams(paramsOfFilters({ ...filters, cursor: page.data.page.nextCursor }))}>
                      Page suivante
                    </Button>
                  </li>
                )}
              </ul>
            </>
          )}
        </div>
      </div>
    </>
  );
}
