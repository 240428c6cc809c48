import { Button } from '@codegouvfr/react-dsfr/Button';
import { enumLabels } from '@guichet/contracts';
import type { AidCategory, AidFunder, ReceivedAid } from '@guichet/contracts';
import type { Option } from '../../ui/labels.js';
import { useFields } from '../../ui/form/field-context.js';
import { DateField, SelectField, TextField, YesNoField } from '../../ui/form/fields.js';

const categoryOptions: Option<AidCategory>[] = (Object.entries(enumLabels.AidCategory) as [AidCategory, string][]).map(([value, label]) => ({ value, label }));
const funderOptions: Option<AidFunder>[] = (Object.entries(enumLabels.AidFunder) as [AidFunder, string][]).map(([value, label]) => ({ value, label }));

export function AidsStep() {
  const { data, update, readOnly } = useFields();
  const previous: ReceivedAid[] = data.previousAids ?? [];
  return (
    <>
      <YesNoField path="aids.interested" label="Souhaitez-vous connaître les aides auxquelles vous avez droit ?" />
      <TextField path="aids.comment" label="Précisions sur les aides (facultatif)" />
      <h3 className="fr-h5 fr-mt-4w">Aides déjà reçues</h3>
      <p className="fr-hint-text">Certaines aides ne peuvent être reçues qu’une fois en dix ans : indiquez celles que vous avez déjà perçues.</p>
      {previous.map((aid, index) => (
        <fieldset key={index} className="fr-fieldset fr-mb-2w">
          <legend className="fr-fieldset__legend fr-text--regular">Aide reçue n° {index + 1}</legend>
          <div className="fr-fieldset__element">
            <SelectField path={`previousAids[${index}].category`} label="Nature de l’aide" options={categoryOptions} />
            <SelectField path={`previousAids[${index}].funder`} label="Financeur" options={funderOptions} />
            <TextField path={`previousAids[${index}].label`} label="Nom de l’aide (facultatif)" />
            <DateField path={`previousAids[${index}].receivedOn`} label="Reçue le" />
            {!readOnly && (
              <Button
                type="button"
                priority="tertiary"
                iconId="fr-icon-delete-line"
                onClick={() => {
                  const next = previous.filter((_, position) => position !== index);
                  update('previousAids', next.length ? next : undefined);
                }}
              >
                Retirer l’aide n° {index + 1}
              </Button>
            )}
          </div>
        </fieldset>
      ))}
      {!readOnly && previous.length < 20 && (
        <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={() => update('previousAids', [...previous, {}])}>
          Ajouter une aide reçue
        </Button>
      )}
    </>
  );
}
