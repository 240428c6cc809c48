import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { CaseSummary, Zone } from '@guichet/contracts';
import { departementsInScope, scopeOf } from '@guichet/territory/scope';
import { Link, useSearchParams } from 'react-router-dom';
import { caseworkerApi } from '../api/intake.js';
import type { QueueFilters } from '../api/intake.js';
import { matchingApi } from '../api/matching.js';
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
import { bestZoneText, placementText, targetCommunes, zonedCommunes, zoneOn, zoneText } from './target-zones.js';

function row(item: CaseSummary, departementName: (code: string) => string, zone: (item: CaseSummary) => ReactNode) {
  return [
    <Link to={`/agent/dossiers/${item.id}`}>{item.candidateName ?? `Dossier ${item.id.slice(0, 8)}`}</Link>,
    <StatusBadge status={item.status} />,
    item.candidateStatus ? candidateStatusLabel(item.candidateStatus) : '—',
    specialtyLabel(item.specialty),
    item.territory.departements.map(departementName).join(', ') || item.territory.regions.join(', '),
    zone(item),
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

/** Matching's zoning of every commune the listed cases target or place a docteur junior in, read once per commune. */
function useTargetZoning(items: readonly CaseSummary[]): ReadonlyMap<string, Zone | undefined> {
  const { matching } = useSession();
  const api = useMemo(() => matchingApi(matching), [matching]);
  const [zones, setZones] = useState<ReadonlyMap<string, Zone | undefined>>(new Map());
  const communes = [...new Set(items.flatMap(zonedCommunes))].sort();
  const key = communes.join(',');
  useEffect(() => {
    let live = true;
    const today = new Date().toISOString().slice(0, 10);
    void Promise.all(communes.map(async (commune) => [commune, await api.zoning(commune)] as const)).then((answers) => {
      if (!live) return;
      setZones(new Map(answers.map(([commune, answer]) => [commune, answer.ok ? zoneOn(answer.data, today) : undefined])));
    });
    return () => {
      live = false;
    };
    // The communes' list says when to read again.
  }, [api, key]);
  return zones;
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
  const zoning = useTargetZoning(page.kind === 'ok' ? page.data.items : []);
  // On a phone the filters would push the first case out of sight: folded until asked for.
  const [filtersOpen, setFiltersOpen] = useState(() => !window.matchMedia('(max-width: 47.99em)').matches);
  const activeFilters = [filters.status?.length, filters.departement, filters.zone, filters.specialty, filters.candidateStatus, filters.referent, filters.overdue].filter(
    (value) => value !== undefined && value !== 0 && value !== false && value !== '',
  ).length;
  const label = (commune: string) => reference?.label(commune) ?? commune;
  // Three zones a caseworker may mean, each named: the targeted communes', the one the zone filter
  // reads (the best proposal's) and, for a docteur junior, the placement's.
  const zoneOf = (item: CaseSummary) => {
    const placement = placementText(item, item.placement && zoning.get(item.placement.communeCode), { label, zoneLabel: shortZoneLabel, day: formatDay });
    return (
      <>
        <span className="guichet-zone-line">
          {zoneText(
            targetCommunes(item).map((commune) => ({ commune, zone: zoning.get(commune) })),
            label,
            shortZoneLabel,
          )}
        </span>
        {placement && <span className="guichet-zone-line"> {placement}</span>}
        <span className="guichet-zone-line"> {bestZoneText(item, shortZoneLabel)}</span>
      </>
    );
  };

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
          <Button
            className="fr-mb-2w"
            priority="secondary"
            iconId={filtersOpen ? 'fr-icon-arrow-up-s-line' : 'fr-icon-filter-line'}
            nativeButtonProps={{ 'aria-expanded': filtersOpen, 'aria-controls': 'filtres-file' }}
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            {filtersOpen ? 'Masquer les filtres' : `Filtres et tri${activeFilters > 0 ? ` (${activeFilters} actif${activeFilters > 1 ? 's' : ''})` : ''}`}
          </Button>
          <div id="filtres-file" hidden={!filtersOpen}>
            <QueueFiltersForm filters={filters} departements={departements} onChange={change} />
          </div>
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
                headers={['Candidat', 'Statut', 'Situation', 'Spécialité', 'Département', 'Zonage', 'Référent', 'Déposé le', 'Échéance']}
                data={page.data.items.map((item) => row(item, (code) => (reference ? `${reference.departementName(code)} (${code})` : code), zoneOf))}
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
