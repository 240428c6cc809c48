import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { CommuneField } from '../commune-fields.js';
import { useFields } from '../../ui/form/field-context.js';
import { DateField, TextField, YesNoField } from '../../ui/form/fields.js';

export function InternshipStep() {
  const { data } = useFields();
  const concerned = data.status === 'intern' || data.status === 'junior-doctor' || data.status === 'student';
  if (!concerned) {
    return <Notice title="Cette étape concerne les étudiants, internes et docteurs juniors. Vous pouvez passer à la suivante." />;
  }
  return (
    <>
      <p>Le stage en cours ou à venir : il sert à proposer un logement proche et à vérifier les aides liées aux stages.</p>
      {data.status === 'junior-doctor' && (
        <Notice title="Docteur junior : indiquez votre stage de 4e année, demandé au dépôt de la demande. Les aides au logement et au transport se jugent là où il a lieu (zonage, distance du CHU et de votre domicile), et l’ARS suit ces stages dans une file à part." />
      )}
      <CommuneField path="internship.communeCode" label="Commune du lieu de stage" />
      <TextField path="internship.hospitalName" label="Établissement ou cabinet d’accueil" />
      <TextField path="internship.finess" label="Numéro FINESS de l’établissement (facultatif)" hint="9 caractères" />
      <CommuneField path="internship.chuCommuneCode" label="Commune du CHU de rattachement (facultatif)" />
      <DateField path="internship.startDate" label="Début du stage" />
      <DateField path="internship.endDate" label="Fin du stage" />
      <YesNoField path="internship.ambulatory" label="Stage ambulatoire (hors hôpital) ?" />
    </>
  );
}
