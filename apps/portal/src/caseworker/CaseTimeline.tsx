import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { AuditEntry, StatusDuration } from '@guichet/contracts';
import { formatDate, formatDays } from '../ui/format.js';
import { caseStatusLabel } from '../ui/labels.js';

const actorLabels: Record<AuditEntry['actor']['kind'], string> = {
  candidate: 'Candidat',
  'caseworker-ars': 'Instructeur ARS',
  'caseworker-cpam': 'Instructeur CPAM',
  ordre: 'Ordre des médecins',
  collectivite: 'Collectivité',
  'offer-publisher': 'Éditeur d’offres',
  partner: 'Partenaire',
  admin: 'Administration',
  system: 'Système',
};

function changeText(entry: AuditEntry): string {
  if (!entry.changes?.length) return '—';
  return entry.changes.map((change) => change.field).join(', ');
}

/** Time spent in each status, against its target when there is one. */
export function TimeInStatus({ durations }: { durations: StatusDuration[] }) {
  return (
    <Table
      caption="Temps passé par statut"
      headers={['Statut', 'Durée', 'Objectif', 'Compte pour le guichet']}
      data={durations.map((duration) => [
        caseStatusLabel(duration.status),
        <>
          {formatDays(duration.days)}{' '}
          {duration.targetDays !== undefined && duration.countsAgainstDesk && duration.days > duration.targetDays && (
            <Badge as="span" small severity="error">
              Dépassé
            </Badge>
          )}
        </>,
        duration.targetDays !== undefined ? formatDays(duration.targetDays) : '—',
        duration.countsAgainstDesk ? 'Oui' : 'Non (attente du candidat)',
      ])}
    />
  );
}

export function AuditTrailTable({ entries }: { entries: AuditEntry[] }) {
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <Table
      caption="Journal d’audit (non modifiable)"
      headers={['Date', 'Auteur', 'Action', 'Raison', 'Champs modifiés']}
      data={sorted.map((entry) => [
        formatDate(entry.at),
        `${actorLabels[entry.actor.kind]}${entry.actor.id ? ` (${entry.actor.id.slice(0, 8)})` : ''}`,
        entry.action,
        entry.reason ?? '—',
        changeText(entry),
      ])}
    />
  );
}
