import type { OfferKind } from '@guichet/contracts';
import { CommuneField } from '../candidate/commune-fields.js';
import { DateField, MoneyField, MultiCheckField, NumberField, SelectField, TextField, YesNoField } from '../ui/form/fields.js';
import { practiceModeOptions, premisesTypeOptions, professionOptions, sectorOptions } from '../ui/labels.js';
import type { Option } from '../ui/labels.js';

const occupants: Option<'student' | 'intern' | 'junior-doctor' | 'doctor' | 'other-health-professional'>[] = [
  { value: 'student', label: 'Étudiants' },
  { value: 'intern', label: 'Internes' },
  { value: 'junior-doctor', label: 'Docteurs juniors' },
  { value: 'doctor', label: 'Médecins' },
  { value: 'other-health-professional', label: 'Autres professionnels de santé' },
];
const contractTypes: Option<'permanent' | 'fixed-term' | 'temporary' | 'freelance' | 'apprenticeship'>[] = [
  { value: 'permanent', label: 'CDI' },
  { value: 'fixed-term', label: 'CDD' },
  { value: 'temporary', label: 'Intérim' },
  { value: 'freelance', label: 'Indépendant' },
  { value: 'apprenticeship', label: 'Alternance' },
];
const sectors: Option<'public' | 'private'>[] = [
  { value: 'public', label: 'Public' },
  { value: 'private', label: 'Privé' },
];
const workingTimes: Option<'full-time' | 'part-time'>[] = [
  { value: 'full-time', label: 'Temps plein' },
  { value: 'part-time', label: 'Temps partiel' },
];

function Contact() {
  return (
    <fieldset className="fr-fieldset">
      <legend className="fr-fieldset__legend">Contact (facultatif)</legend>
      <div className="fr-fieldset__element">
        <TextField path="details.contact.name" label="Nom du contact" />
        <TextField path="details.contact.email" label="E-mail du contact" type="email" />
        <TextField path="details.contact.phone" label="Téléphone du contact" type="tel" />
      </div>
    </fieldset>
  );
}

function Common() {
  return (
    <>
      <TextField path="details.title" label="Titre de l’offre" />
      <TextField path="details.description" label="Description (facultatif)" textArea />
      <CommuneField path="details.communeCode" label="Commune" />
    </>
  );
}

/** The fields of an offer's `details`, per kind (contracts/schemas/offer.json). */
export function OfferFields({ kind }: { kind: OfferKind }) {
  switch (kind) {
    case 'premises':
      return (
        <>
          <SelectField path="details.premisesType" label="Type de local" options={premisesTypeOptions} />
          <Common />
          <TextField path="details.address" label="Adresse (facultatif)" />
          <NumberField path="details.surfaceM2" label="Surface (m²)" min={1} />
          <MoneyField path="details.monthlyRent" label="Loyer mensuel" />
          <DateField path="details.availableFrom" label="Disponible à partir du" />
          <NumberField path="details.conditions.minStayMonths" label="Engagement minimal (mois, facultatif)" min={0} />
          <MultiCheckField path="details.conditions.sectors" label="Secteurs acceptés (facultatif)" options={sectorOptions} />
          <MultiCheckField path="details.conditions.practiceModes" label="Modes d’exercice acceptés (facultatif)" options={practiceModeOptions} />
          <Contact />
        </>
      );
    case 'housing':
      return (
        <>
          <Common />
          <TextField path="details.address" label="Adresse (facultatif)" />
          <TextField path="details.nearbyHospital.name" label="Établissement proche (facultatif)" />
          <NumberField path="details.beds" label="Nombre de lits" min={1} />
          <MoneyField path="details.monthlyPrice" label="Prix mensuel" />
          <YesNoField path="details.furnished" label="Meublé ?" />
          <DateField path="details.availablePeriods[0].from" label="Disponible du" />
          <DateField path="details.availablePeriods[0].until" label="Disponible jusqu’au" />
          <MultiCheckField path="details.eligibleOccupants" label="Pour qui ?" options={occupants} />
          <Contact />
        </>
      );
    case 'job':
      return (
        <>
          <Common />
          <SelectField path="details.profession" label="Métier" options={professionOptions} />
          <TextField path="details.employer" label="Employeur" />
          <SelectField path="details.employmentSector" label="Secteur" options={sectors} />
          <SelectField path="details.contractType" label="Type de contrat" options={contractTypes} />
          <SelectField path="details.workingTime" label="Temps de travail" options={workingTimes} />
          <NumberField path="details.hoursPerWeek" label="Heures par semaine (facultatif)" min={1} max={60} />
          <DateField path="details.startDate" label="Début (facultatif)" />
          <Contact />
        </>
      );
  }
}
