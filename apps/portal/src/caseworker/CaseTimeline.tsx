import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { auditActionLabel, auditFieldLabel } from '@guichet/contracts';
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

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The fields an entry changed, named as the service names them in its messages, each once. */
function changeText(entry: AuditEntry): string {
  if (!entry.changes?.length) return '—';
  return capitalized([...new Set(entry.changes.map((change) => auditFieldLabel(change.field)))].join(', '));
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

/**
 * Who did it, by the one name the desk knows the person by, and in what role; an agent the case
 * does not otherwise know (neither referent nor signed in) by the name the entry kept when they acted.
 */
function actorText({ actor, actorName }: AuditEntry, nameOf: (id: string) => string | undefined): string {
  const name = (actor.id ? nameOf(actor.id) : undefined) ?? actorName;
  return name ? `${name} (${actorLabels[actor.kind]})` : actorLabels[actor.kind];
}

export function AuditTrailTable({ entries, nameOf = () => undefined }: { entries: AuditEntry[]; nameOf?: (id: string) => string | undefined }) {
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <Table
      caption="Journal d’audit (non modifiable)"
      headers={['Date', 'Auteur', 'Action', 'Raison', 'Champs modifiés']}
      data={sorted.map((entry) => [formatDate(entry.at), actorText(entry, nameOf), auditActionLabel(entry.action), entry.reason ?? '—', changeText(entry)])}
    />
  );
}
