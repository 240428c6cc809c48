import { premisesTypeOptions, professionOptions } from '../../ui/labels.js';
import type { Option } from '../../ui/labels.js';
import { DateField, MoneyField, MultiCheckField, NeedToggle, NumberField, SelectField } from '../../ui/form/fields.js';

export function PremisesStep() {
  return (
    <NeedToggle path="needs.premises" label="Je cherche un local professionnel">
      <MultiCheckField path="needs.premises.premisesTypes" label="Types de local (facultatif)" options={premisesTypeOptions} />
      <NumberField path="needs.premises.surfaceM2Min" label="Surface minimale (m²)" min={1} />
      <NumberField path="needs.premises.surfaceM2Max" label="Surface maximale (m², facultatif)" min={1} />
      <MoneyField path="needs.premises.maxMonthlyRent" label="Loyer mensuel maximal" />
      <DateField path="needs.premises.availableFrom" label="Disponible à partir du" />
    </NeedToggle>
  );
}

export function HousingStep() {
  return (
    <NeedToggle path="needs.housing" label="Je cherche un logement (stage ou installation)">
      <DateField path="needs.housing.from" label="Date d’entrée dans le logement" />
      <DateField path="needs.housing.until" label="Date de sortie du logement" />
      <MoneyField path="needs.housing.maxMonthlyRent" label="Loyer mensuel maximal" />
      <NumberField path="needs.housing.people" label="Nombre de personnes à loger" min={1} max={10} />
    </NeedToggle>
  );
}

const employmentSectors: Option<'public' | 'private' | 'any'>[] = [
  { value: 'any', label: 'Public ou privé' },
  { value: 'public', label: 'Public' },
  { value: 'private', label: 'Privé' },
];
const workingTimes: Option<'full-time' | 'part-time' | 'any'>[] = [
  { value: 'any', label: 'Temps plein ou partiel' },
  { value: 'full-time', label: 'Temps plein' },
  { value: 'part-time', label: 'Temps partiel' },
];

export function SpouseStep() {
  return (
    <NeedToggle path="needs.spouseJob" label="Mon conjoint cherche un emploi">
      <SelectField path="needs.spouseJob.profession" label="Métier recherché" options={professionOptions} />
      <SelectField path="needs.spouseJob.employmentSector" label="Secteur" options={employmentSectors} />
      <SelectField path="needs.spouseJob.workingTime" label="Temps de travail" options={workingTimes} />
      <NumberField path="needs.spouseJob.maxCommuteKm" label="Distance maximale de trajet (km, facultatif)" min={0} max={200} />
    </NeedToggle>
  );
}
