import { useMemo, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { enumLabels } from '@guichet/contracts';
import type { CaseStatistics, MedianDuration, Problem, RegionCode } from '@guichet/contracts';
import { caseworkerApi } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import { BarChart } from '../ui/BarChart.js';
import { formatDate, formatDays } from '../ui/format.js';
import { caseStatusLabel } from '../ui/labels.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { useLoad } from '../ui/useLoad.js';
import { usePageTitle } from '../ui/usePageTitle.js';

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;

function Delay({ title, figure }: { title: string; figure: MedianDuration }) {
  return (
    <div className="fr-col-12 fr-col-md-4">
      <div className="fr-tile">
        <div className="fr-tile__body">
          <div className="fr-tile__content">
            <h3 className="fr-tile__title">{title}</h3>
            <p className="fr-tile__desc">
              {figure.medianDays === null
                ? 'Aucun dossier arrivé à cette étape sur la période.'
                : `Médiane : ${formatDays(figure.medianDays)} (${plural(figure.cases, 'dossier', 'dossiers')})`}
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}

/** Saves a text as a file the browser downloads. */
function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

function Charts({ stats }: { stats: CaseStatistics }) {
  return (
    <>
      <p className="fr-text--lg">
        <strong>{plural(stats.received, 'demande reçue', 'demandes reçues')}</strong> du {formatDate(stats.period.from)} au {formatDate(stats.period.to)}.
      </p>
      <h2>Délais</h2>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <Delay title="Du dépôt aux premières propositions" figure={stats.firstProposal} />
        <Delay title="Du dépôt à l’installation" figure={stats.installation} />
        <Delay title="Attente imputable au guichet (temps du candidat exclu)" figure={stats.deskWaiting} />
      </div>
      <h2>Demandes et résultats</h2>
      {[
        {
          title: 'Demandes par statut',
          bars: stats.byStatus.map((entry) => ({
            label: caseStatusLabel(entry.status),
            value: entry.count,
          })),
        },
        {
          title: 'Demandes par mode d’exercice envisagé',
          bars: stats.byProject.map((entry) => ({
            label: enumLabels.PracticeMode[entry.project],
            value: entry.count,
          })),
        },
        {
          title: 'Installations par zone',
          bars: stats.installationsByZone.map((entry) => ({
            label: enumLabels.Zone[entry.zone],
            value: entry.count,
          })),
        },
        {
          title: 'Offres pourvues par nature',
          bars: stats.offersFilled.map((entry) => ({
            label: enumLabels.OfferKind[entry.kind],
            value: entry.count,
          })),
        },
      ].map(({ title, bars }) =>
        bars.length === 0 ? (
          <p key={title}>
            <strong>{title}</strong> : aucune sur la période.
          </p>
        ) : (
          <BarChart key={title} title={title} description={bars.map((bar) => `${bar.label} : ${bar.value}`).join(', ')} bars={bars} />
        ),
      )}
    </>
  );
}

export default function StatisticsPage() {
  usePageTitle('Statistiques');
  const { intake } = useSession();
  const api = useMemo(() => caseworkerApi(intake), [intake]);
  const today = new Date().toISOString().slice(0, 10);
  const [period, setPeriod] = useState({
    from: `${today.slice(0, 4)}-01-01`,
    to: today,
  });
  const [asked, setAsked] = useState(period);
  const [stats, reload] = useLoad<CaseStatistics>(() => api.statistics(asked.from, asked.to), [api, asked]);
  const [exportProblem, setExportProblem] = useState<Problem | null>(null);
  const territory =
    stats.kind === 'ok'
      ? [
          ...stats.data.territory.regions.map((code: RegionCode) => enumLabels.RegionCode[code]),
          ...stats.data.territory.departements.map((code) => `département ${code}`),
        ].join(', ')
      : '';

  const exportAs = async (format: 'csv' | 'json') => {
    setExportProblem(null);
    const name = `guichet-resultats-${asked.from}-${asked.to}.${format}`;
    if (format === 'csv') {
      const result = await api.openDataCsv(asked.from, asked.to);
      if (result.ok) download(name, 'text/csv;charset=utf-8', result.data);
      else setExportProblem(result.problem);
      return;
    }
    const result = await api.openData(asked.from, asked.to);
    if (result.ok) download(name, 'application/json', `${JSON.stringify(result.data, null, 2)}\n`);
    else setExportProblem(result.problem);
  };

  return (
    <>
      <h1>Statistiques</h1>
      <p className="fr-text--lead">
        Résultats du guichet sur votre territoire
        {territory ? ` (${territory})` : ''}, calculés par le service sur les demandes déposées dans la période.
      </p>
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
        onSubmit={(event) => {
          event.preventDefault();
          setAsked(period);
        }}
      >
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Du"
            nativeInputProps={{
              type: 'date',
              value: period.from,
              required: true,
              onChange: (event) => setPeriod({ ...period, from: event.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Au"
            nativeInputProps={{
              type: 'date',
              value: period.to,
              required: true,
              onChange: (event) => setPeriod({ ...period, to: event.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-mb-3w">
          <Button type="submit">Afficher la période</Button>
        </div>
      </form>
      {stats.kind === 'loading' && <p role="status">Calcul des statistiques…</p>}
      {stats.kind === 'failed' && (
        <>
          <ProblemAlert problem={stats.problem} title="Les statistiques n’ont pas pu être calculées" />
          <Button onClick={reload}>Réessayer</Button>
        </>
      )}
      {stats.kind === 'ok' && <Charts stats={stats.data} />}
      <h2>Données ouvertes</h2>
      <p>
        Les mêmes indicateurs, une ligne par case, à publier : aucune case ne porte sur moins de 11 personnes. Une case masquée le dit (« secret statistique »),
        ainsi que celle masquée en plus quand un total la révélerait.
      </p>
      {exportProblem && <ProblemAlert problem={exportProblem} title="L’export n’a pas abouti" />}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <Button priority="secondary" iconId="fr-icon-download-line" onClick={() => void exportAs('csv')}>
            Télécharger les données ouvertes (CSV)
          </Button>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-download-line" onClick={() => void exportAs('json')}>
            Télécharger les données ouvertes (JSON)
          </Button>
        </li>
      </ul>
    </>
  );
}
