import { practiceModeOptions, sectorOptions } from '../../ui/labels.js';
import { CommuneListField, DepartementListField } from '../commune-fields.js';
import { DateField, NumberField, SelectField, YesNoField } from '../../ui/form/fields.js';

export function TargetsStep() {
  return (
    <>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Où souhaitez-vous vous installer ?</legend>
        <div className="fr-fieldset__element">
          <p className="fr-hint-text">Indiquez des communes, des départements, ou les deux.</p>
          <CommuneListField path="targets.communes" label="Communes visées" max={20} />
          <DepartementListField path="targets.departements" label="Départements visés" max={10} />
          <NumberField path="targets.radiusKm" label="Rayon de recherche autour des communes (km)" min={0} max={200} />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Quand et comment ?</legend>
        <div className="fr-fieldset__element">
          <DateField path="desiredInstallationDate" label="Date d’installation souhaitée" />
          <SelectField path="practice.mode" label="Mode d’exercice envisagé" options={practiceModeOptions} />
          <SelectField path="practice.sector" label="Secteur de conventionnement" options={sectorOptions} />
          <NumberField path="practice.daysPerWeek" label="Jours d’exercice libéral par semaine (facultatif)" min={1} max={7} />
          <YesNoField path="practice.coordinatedPractice" label="Exercice coordonné (MSP, CPTS, équipe de soins primaires) ?" />
          <YesNoField path="practice.onCallParticipation" label="Participation à la permanence des soins ?" />
        </div>
      </fieldset>
    </>
  );
}
