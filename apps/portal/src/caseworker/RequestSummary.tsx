import { enumLabels } from '@guichet/contracts';
import type { InstallationRequest } from '@guichet/contracts';
import { useCommunes } from '../territory/communes.js';
import { formatDate, formatMoney } from '../ui/format.js';
import { specialtyLabel } from '../ui/labels.js';

/** What the candidate asked for, as the caseworker reads it. */
export function RequestSummary({ request }: { request: InstallationRequest }) {
  const reference = useCommunes();
  const commune = (insee: string) => reference?.label(insee) ?? insee;
  const { data } = request;
  const needs = data.needs ?? {};
  const rows: [string, string][] = [
    ['Candidat', `${data.identity?.firstName ?? ''} ${data.identity?.lastName ?? ''}`.trim() || '—'],
    ['Contact', [data.contact?.email, data.contact?.phone].filter(Boolean).join(' · ') || '—'],
    ['Situation', data.status ? enumLabels.CandidateStatus[data.status] : '—'],
    ['Spécialité', specialtyLabel(data.specialty)],
    [
      'Stage',
      data.internship
        ? `${data.internship.hospitalName ?? ''} (${data.internship.communeCode ? commune(data.internship.communeCode) : '—'}), du ${formatDate(data.internship.startDate)} au ${formatDate(data.internship.endDate)}`
        : '—',
    ],
    ['Communes visées', (data.targets?.communes ?? []).map(commune).join(', ') || '—'],
    ['Départements visés', (data.targets?.departements ?? []).join(', ') || '—'],
    ['Installation souhaitée', formatDate(data.desiredInstallationDate)],
    [
      'Exercice',
      [data.practice?.mode && enumLabels.PracticeMode[data.practice.mode], data.practice?.sector && enumLabels.Sector[data.practice.sector]]
        .filter(Boolean)
        .join(', ') || '—',
    ],
    [
      'Local',
      needs.premises ? `${needs.premises.surfaceM2Min ?? '?'} m² minimum, ${formatMoney(needs.premises.maxMonthlyRent)} par mois au plus` : 'Pas de besoin',
    ],
    ['Logement', needs.housing ? `du ${formatDate(needs.housing.from)} au ${formatDate(needs.housing.until)}` : 'Pas de besoin'],
    ['Emploi du conjoint', needs.spouseJob?.profession ? enumLabels.Profession[needs.spouseJob.profession] : needs.spouseJob ? 'Oui' : 'Pas de besoin'],
  ];
  return (
    <section aria-labelledby="demande-titre" className="fr-mb-4w">
      <h2 id="demande-titre" className="fr-h5">
        La demande
      </h2>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} className="fr-mb-1v">
            <dt className="fr-text--bold" style={{ display: 'inline' }}>
              {label} :
            </dt>{' '}
            <dd style={{ display: 'inline', margin: 0 }}>{value}</dd>
          </div>
        ))}
      </dl>
      {data.notes && <p className="fr-text--sm">Remarques du candidat : {data.notes}</p>}
    </section>
  );
}
