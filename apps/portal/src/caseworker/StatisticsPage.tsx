import { useMemo } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { enumLabels } from '@guichet/contracts';
import type { RegionCode } from '@guichet/contracts';
import { scopeOf } from '@guichet/territory/scope';
import { caseworkerApi } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import { BarChart } from '../ui/BarChart.js';
import { formatDays } from '../ui/format.js';
import { caseStatusLabel, shortZoneLabel, zoneLabel } from '../ui/labels.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { useLoad } from '../ui/useLoad.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { loadStatistics } from './load-statistics.js';
import type { StatisticsInput } from './load-statistics.js';
import { computeStatistics } from './statistics.js';
import type { DelayStats } from './statistics.js';

function Delay({ title, stats }: { title: string; stats: DelayStats | null }) {
  return (
    <div className="fr-col-12 fr-col-md-6">
      <div className="fr-tile fr-tile--horizontal">
        <div className="fr-tile__body">
          <div className="fr-tile__content">
            <h3 className="fr-tile__title">{title}</h3>
            <p className="fr-tile__desc">
              {stats
                ? `Médiane ${formatDays(stats.medianDays)}, moyenne ${formatDays(stats.meanDays)} (${stats.cases} dossier${stats.cases > 1 ? 's' : ''})`
                : 'Pas encore de dossier arrivé à cette étape.'}
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}

export default function StatisticsPage() {
  usePageTitle('Statistiques');
  const { intake, principal } = useSession();
  const api = useMemo(() => caseworkerApi(intake), [intake]);
  const [input, reload] = useLoad<StatisticsInput>(async () => {
    const result = await loadStatistics(api);
    return result.ok ? { ok: true, status: 200, etag: null, data: result.data } : { ok: false, status: result.problem.status, problem: result.problem };
  }, [api]);
  const stats = useMemo(() => (input.kind === 'ok' ? computeStatistics(input.data.summaries, input.data.durations) : null), [input]);
  const scope = scopeOf(principal);
  const territory =
    scope.level === 'departement' ? `départements ${scope.codes.join(', ')}` : scope.level === 'region' ? scope.codes.map((code) => enumLabels.RegionCode[code as RegionCode] ?? code).join(', ') : '';

  return (
    <>
      <h1>Statistiques</h1>
      <p className="fr-text--lead">Dossiers de votre territoire ({territory}).</p>
      {input.kind === 'loading' && <p role="status">Calcul des statistiques…</p>}
      {input.kind === 'failed' && (
        <>
          <ProblemAlert problem={input.problem} title="Les statistiques n’ont pas pu être calculées" />
          <Button onClick={reload}>Réessayer</Button>
        </>
      )}
      {stats && input.kind === 'ok' && (
        <>
          <p>
            {stats.total} dossier{stats.total > 1 ? 's' : ''} déposé{stats.total > 1 ? 's' : ''}
            {input.data.truncated ? ' (les plus récents seulement)' : ''}.
          </p>
          <h2>Délais</h2>
          <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
            <Delay title="Du dépôt aux propositions" stats={stats.toProposals} />
            <Delay title="Du dépôt à l’installation" stats={stats.toInstallation} />
          </div>
          <h2>Répartition</h2>
          <BarChart
            title="Dossiers par statut"
            description={stats.byStatus.map((entry) => `${caseStatusLabel(entry.key)} : ${entry.count}`).join(', ')}
            bars={stats.byStatus.map((entry) => ({ label: caseStatusLabel(entry.key), value: entry.count }))}
          />
          <BarChart
            title="Dossiers par zonage de la commune visée"
            description={stats.byZone.map((entry) => `${entry.key === 'unknown' ? 'Zonage inconnu' : zoneLabel(entry.key)} : ${entry.count}`).join(', ')}
            bars={stats.byZone.map((entry) => ({ label: shortZoneLabel(entry.key === 'unknown' ? undefined : entry.key), value: entry.count }))}
          />
        </>
      )}
    </>
  );
}
