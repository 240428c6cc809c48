import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { CandidateStatus, CaseStatus, Specialty, Zone } from '@guichet/contracts';
import type { QueueFilters, QueueSort } from '../api/intake.js';
import { useCommunes } from '../territory/communes.js';
import { candidateStatusOptions, caseStatusOptions, specialtyOptions, zoneOptions } from '../ui/labels.js';
import { sortOptions } from './queue-query.js';

interface Props {
  filters: QueueFilters;
  departements: string[];
  onChange: (change: Partial<QueueFilters>) => void;
}

export function QueueFiltersForm({ filters, departements, onChange }: Props) {
  const reference = useCommunes();
  const statuses = filters.status ?? [];
  return (
    <form aria-label="Filtres de la file" onSubmit={(event) => event.preventDefault()}>
      <Checkbox
        id="filtre-statut"
        legend="Statut"
        small
        options={caseStatusOptions
          .filter((option) => option.value !== 'draft')
          .map((option) => ({
            label: option.label,
            nativeInputProps: {
              checked: statuses.includes(option.value),
              onChange: (event) =>
                onChange({ status: event.target.checked ? [...statuses, option.value] : statuses.filter((status: CaseStatus) => status !== option.value) }),
            },
          }))}
      />
      <Select
        label="Département"
        nativeSelectProps={{ id: 'filtre-departement', value: filters.departement ?? '', onChange: (event) => onChange({ departement: event.target.value }) }}
      >
        <option value="">Tous mes départements</option>
        {departements.map((code) => (
          <option key={code} value={code}>
            {code} — {reference?.departementName(code) ?? code}
          </option>
        ))}
      </Select>
      <Select
        label="Zone de la meilleure proposition"
        hint="Le zonage le plus favorable des ensembles proposés, ni celui des communes visées ni celui d’un lieu de stage"
        nativeSelectProps={{
          id: 'filtre-zone',
          value: filters.zone ?? '',
          onChange: (event) => onChange({ zone: (event.target.value || undefined) as Zone | undefined }),
        }}
      >
        <option value="">Tous</option>
        {zoneOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      <Select
        label="Situation du candidat"
        hint="« Docteur junior » : la file des stages de 4e année de médecine générale."
        nativeSelectProps={{
          id: 'filtre-situation',
          value: filters.candidateStatus ?? '',
          onChange: (event) => onChange({ candidateStatus: (event.target.value || undefined) as CandidateStatus | undefined }),
        }}
      >
        <option value="">Toutes</option>
        {candidateStatusOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      <Select
        label="Spécialité"
        nativeSelectProps={{
          id: 'filtre-specialite',
          value: filters.specialty ?? '',
          onChange: (event) => onChange({ specialty: (event.target.value || undefined) as Specialty | undefined }),
        }}
      >
        <option value="">Toutes</option>
        {specialtyOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      <Select
        label="Référent"
        nativeSelectProps={{ id: 'filtre-referent', value: filters.referent ?? '', onChange: (event) => onChange({ referent: event.target.value }) }}
      >
        <option value="">Tous</option>
        <option value="me">Mes dossiers</option>
        <option value="none">Sans référent</option>
      </Select>
      <Checkbox
        id="filtre-retard"
        small
        options={[
          {
            label: 'En retard sur l’échéance',
            hintText: 'Le temps d’attente du candidat ne compte pas.',
            nativeInputProps: { checked: filters.overdue === true, onChange: (event) => onChange({ overdue: event.target.checked }) },
          },
        ]}
      />
      <Select
        label="Trier par"
        nativeSelectProps={{
          id: 'filtre-tri',
          value: filters.sort ?? '-submittedAt',
          onChange: (event) => onChange({ sort: event.target.value as QueueSort }),
        }}
      >
        {sortOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </form>
  );
}
