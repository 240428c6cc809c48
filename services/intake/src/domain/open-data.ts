import { enumLabels } from '@guichet/contracts';
import type { CaseStatistics, MedianDuration, OpenDataCell, OpenDataStatistics } from '@guichet/contracts';

/** Statistical secrecy: no published figure describes fewer people than this. */
export const SECRECY_THRESHOLD = 11;

interface Count {
  category: string;
  label: string;
  count: number;
}

interface Group {
  indicator: string;
  title: string;
  /** The row that publishes the group's sum: what would give a lone hidden cell away. */
  total: { indicator: string; label: string };
  cells: Count[];
}

type Suppression = OpenDataCell['suppressed'];

/**
 * Hides the cells of one group (cells that add up to a published total). Primary: a cell under the
 * threshold. Secondary: while the hidden cells could be told from the total (a single hidden cell,
 * or hidden cells adding up to fewer people than the threshold), the smallest shown cell is hidden
 * too, and the total itself when no cell is left.
 */
export function suppressGroup(counts: readonly number[], threshold = SECRECY_THRESHOLD): { cells: Suppression[]; total: Suppression } {
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum < threshold) return { cells: counts.map(() => 'primary'), total: 'primary' };
  const cells: Suppression[] = counts.map((count) => (count < threshold ? 'primary' : null));
  const hidden = () => counts.filter((_, index) => cells[index] !== null);
  while (hidden().length > 0 && (hidden().length === 1 || hidden().reduce((a, b) => a + b, 0) < threshold)) {
    const shown = counts.map((count, index) => ({ count, index })).filter(({ index }) => cells[index] === null);
    const smallest = shown.sort((a, b) => a.count - b.count)[0];
    // Every cell hidden: their sum is the total, at or above the threshold.
    if (smallest === undefined) break;
    cells[smallest.index] = 'secondary';
  }
  return { cells, total: null };
}

function cell(indicator: string, category: string, label: string, value: number | null, people: number, suppressed: Suppression): OpenDataCell {
  return suppressed === null ? { indicator, category, label, value, people, suppressed } : { indicator, category, label, value: null, suppressed };
}

function groupRows(group: Group): OpenDataCell[] {
  const { cells, total } = suppressGroup(group.cells.map((c) => c.count));
  const sum = group.cells.reduce((a, c) => a + c.count, 0);
  return [
    cell(group.total.indicator, 'total', group.total.label, sum, sum, total),
    ...group.cells.map((c, index) => cell(group.indicator, c.category, `${group.title} : ${c.label}`, c.count, c.count, cells[index] ?? null)),
  ];
}

function medianRow(indicator: string, label: string, duration: MedianDuration): OpenDataCell {
  const hidden = duration.cases < SECRECY_THRESHOLD || duration.medianDays === null;
  return cell(indicator, 'mediane-jours', label, duration.medianDays, duration.cases, hidden ? 'primary' : null);
}

/** The open-data table of a statistics run: one row per figure, none describing fewer than 11 people. */
export function openDataOf(statistics: CaseStatistics): OpenDataStatistics {
  const groups: Group[] = [
    {
      indicator: 'demandes-par-statut',
      title: 'Demandes par statut',
      total: { indicator: 'demandes-recues', label: 'Demandes reçues' },
      cells: statistics.byStatus.map(({ status, count }) => ({ category: status, label: enumLabels.CaseStatus[status], count })),
    },
    {
      indicator: 'demandes-par-projet',
      title: 'Demandes par mode d’exercice',
      total: { indicator: 'demandes-avec-projet', label: 'Demandes ayant indiqué un mode d’exercice' },
      cells: statistics.byProject.map(({ project, count }) => ({ category: project, label: enumLabels.PracticeMode[project], count })),
    },
    {
      indicator: 'installations-par-zone',
      title: 'Installations par zone',
      total: { indicator: 'installations-zonees', label: 'Installations dont la zone est connue' },
      cells: statistics.installationsByZone.map(({ zone, count }) => ({ category: zone, label: enumLabels.Zone[zone], count })),
    },
    {
      indicator: 'offres-pourvues',
      title: 'Offres pourvues',
      total: { indicator: 'offres-pourvues-total', label: 'Offres pourvues' },
      cells: statistics.offersFilled.map(({ kind, count }) => ({ category: kind, label: enumLabels.OfferKind[kind], count })),
    },
  ];
  return {
    period: statistics.period,
    territory: statistics.territory,
    threshold: SECRECY_THRESHOLD,
    rows: [
      ...groups.flatMap(groupRows),
      medianRow('delai-premiere-proposition', 'Délai médian du dépôt aux premières propositions (jours)', statistics.firstProposal),
      medianRow('delai-installation', 'Délai médian du dépôt à l’installation (jours)', statistics.installation),
      medianRow('attente-guichet', 'Attente médiane imputable au guichet, temps du candidat exclu (jours)', statistics.deskWaiting),
    ],
  };
}

const SUPPRESSION_TEXT: Readonly<Record<Exclude<Suppression, null>, string>> = {
  primary: 'secret statistique : moins de 11 personnes',
  secondary: 'secret statistique : masquée pour qu’un total ne révèle pas une case masquée',
};

function csvField(value: string): string {
  return /[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 with `;` (what a French spreadsheet opens), a BOM so accents survive, the decimal point kept. */
export function openDataCsv(table: OpenDataStatistics): string {
  const header = ['indicateur', 'modalite', 'libelle', 'valeur', 'personnes', 'masquage'];
  const lines = table.rows.map((row) =>
    [
      row.indicator,
      row.category,
      row.label ?? '',
      row.value === null ? '' : String(row.value),
      row.people === undefined ? '' : String(row.people),
      row.suppressed === null ? '' : SUPPRESSION_TEXT[row.suppressed],
    ]
      .map(csvField)
      .join(';'),
  );
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}
