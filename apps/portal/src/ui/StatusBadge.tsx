import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { CaseStatus } from '@guichet/contracts';
import { caseStatusLabel, statusSeverity } from './labels.js';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const severity = statusSeverity(status);
  return (
    <Badge as="span" severity={severity} small>
      {caseStatusLabel(status)}
    </Badge>
  );
}
