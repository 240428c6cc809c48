import { candidateStatusOptions, specialtyOptions } from '../../ui/labels.js';
import { CommuneField } from '../commune-fields.js';
import { useFields } from '../../ui/form/field-context.js';
import { DateField, SelectField, TextField } from '../../ui/form/fields.js';

export function IdentityStep() {
  const { data } = useFields();
  const inTraining = data.status === 'student' || data.status === 'intern' || data.status === 'junior-doctor';
  return (
    <>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Identité</legend>
        <div className="fr-fieldset__element">
          <TextField path="identity.firstName" label="Prénom" autoComplete="given-name" />
          <TextField path="identity.lastName" label="Nom" autoComplete="family-name" />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Coordonnées</legend>
        <div className="fr-fieldset__element">
          <TextField path="contact.email" label="Adresse e-mail" type="email" autoComplete="email" hint="Format attendu : nom@domaine.fr" />
          <TextField
            path="contact.phone"
            label="Téléphone (facultatif)"
            type="tel"
            autoComplete="tel"
            hint="Format attendu : 06 12 34 56 78 ou +33 6 12 34 56 78"
          />
          <CommuneField path="contact.homeCommuneCode" label="Commune de résidence (facultatif)" />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Situation</legend>
        <div className="fr-fieldset__element">
          <SelectField path="status" label="Situation actuelle" options={candidateStatusOptions} />
          <SelectField path="specialty" label="Spécialité" options={specialtyOptions} />
          {inTraining && <TextField path="faculty" label="Faculté de rattachement" hint="Par exemple : Faculté de médecine de Tours" />}
          {data.status === 'installed-doctor' && <DateField path="installedSince" label="Date d’installation" hint="Certaines aides comptent les années depuis l’installation" />}
          {(data.status === 'graduated-doctor' || data.status === 'installed-doctor' || data.status === 'doctor') && (
            <TextField path="rpps" label="Numéro RPPS" hint="11 chiffres, sur votre carte CPS" />
          )}
        </div>
      </fieldset>
    </>
  );
}
