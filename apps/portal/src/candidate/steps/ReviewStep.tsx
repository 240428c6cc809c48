import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { enumLabels } from '@guichet/contracts';
import type { InstallationRequestDraft } from '@guichet/contracts';
import { useCommunes } from '../../territory/communes.js';
import { formatDate, formatMoney } from '../../ui/format.js';
import { specialtyLabel } from '../../ui/labels.js';
import { fieldId, useFields } from '../../ui/form/field-context.js';
import { fieldLabel } from '../field-labels.js';
import { TextField } from '../../ui/form/fields.js';
import { stepOfField, steps } from '../form-model.js';
import type { StepKey } from '../form-model.js';

interface Props {
  errors: [string, string][];
  onGoTo: (step: StepKey, focus?: string) => void;
  onSubmit: () => void;
  submitting: boolean;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '—' : value ? 'Oui' : 'Non');

function rows(data: InstallationRequestDraft, commune: (insee: string) => string): Record<StepKey, [string, string][]> {
  const needs = data.needs ?? {};
  return {
    identite: [
      ['Nom', `${data.identity?.firstName ?? ''} ${data.identity?.lastName ?? ''}`.trim() || '—'],
      ['E-mail', data.contact?.email ?? '—'],
      ['Situation', data.status ? enumLabels.CandidateStatus[data.status] : '—'],
      ['Spécialité', specialtyLabel(data.specialty)],
    ],
    stage: data.internship
      ? [
          ['Lieu', data.internship.communeCode ? commune(data.internship.communeCode) : '—'],
          ['Établissement', data.internship.hospitalName ?? '—'],
          ['Dates', `${formatDate(data.internship.startDate)} au ${formatDate(data.internship.endDate)}`],
        ]
      : [['Stage', 'Non renseigné']],
    installation: [
      ['Communes', (data.targets?.communes ?? []).map(commune).join(', ') || '—'],
      ['Départements', (data.targets?.departements ?? []).join(', ') || '—'],
      ['Date souhaitée', formatDate(data.desiredInstallationDate)],
      ['Mode d’exercice', data.practice?.mode ? enumLabels.PracticeMode[data.practice.mode] : '—'],
      ['Secteur', data.practice?.sector ? enumLabels.Sector[data.practice.sector] : '—'],
    ],
    locaux: needs.premises
      ? [
          ['Surface minimale', needs.premises.surfaceM2Min ? `${needs.premises.surfaceM2Min} m²` : '—'],
          ['Loyer maximal', formatMoney(needs.premises.maxMonthlyRent)],
        ]
      : [['Local', 'Pas de besoin']],
    logement: needs.housing
      ? [
          ['Période', `${formatDate(needs.housing.from)} au ${formatDate(needs.housing.until)}`],
          ['Loyer maximal', formatMoney(needs.housing.maxMonthlyRent)],
        ]
      : [['Logement', 'Pas de besoin']],
    conjoint: needs.spouseJob
      ? [['Métier', needs.spouseJob.profession ? enumLabels.Profession[needs.spouseJob.profession] : '—']]
      : [['Emploi du conjoint', 'Pas de besoin']],
    aides: [
      ['Intéressé par les aides', yesNo(data.aids?.interested)],
      ['Aides déjà reçues', String(data.previousAids?.length ?? 0)],
    ],
    consentements: [
      ['ARS', yesNo(data.consents?.ars)],
      ['Assurance Maladie', yesNo(data.consents?.cpam)],
      ['Ordre des médecins', yesNo(data.consents?.ordre)],
      ['Collectivités', yesNo(data.consents?.collectivites)],
    ],
    recapitulatif: [],
  };
}

export function ReviewStep({ errors, onGoTo, onSubmit, submitting }: Props) {
  const { data, readOnly } = useFields();
  const reference = useCommunes();
  const table = rows(data, (insee) => reference?.label(insee) ?? insee);
  return (
    <>
      {errors.length > 0 && (
        <Alert
          className="fr-mb-3w"
          severity="error"
          title={`${errors.length} point${errors.length > 1 ? 's' : ''} à compléter avant le dépôt`}
          description={
            <ul>
              {errors.map(([path, detail]) => {
                const step = stepOfField(path);
                const title = steps.find((candidate) => candidate.key === step)?.title ?? '';
                return (
                  <li key={path}>
                    <a
                      href={`#${fieldId(path)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        onGoTo(step, path);
                      }}
                    >
                      {title} — {fieldLabel(path)} : {detail}
                    </a>
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      {steps
        .filter((step) => step.key !== 'recapitulatif')
        .map((step) => (
          <section key={step.key} className="fr-mb-3w">
            <h3 className="fr-h6 fr-mb-1w">{step.title}</h3>
            <dl className="fr-mb-1w">
              {table[step.key].map(([label, value]) => (
                <div key={label}>
                  <dt className="fr-text--bold fr-mb-0" style={{ display: 'inline' }}>
                    {label} :
                  </dt>{' '}
                  <dd style={{ display: 'inline', margin: 0 }}>{value}</dd>
                </div>
              ))}
            </dl>
            {!readOnly && (
              <Button type="button" priority="tertiary no outline" size="small" onClick={() => onGoTo(step.key)}>
                Modifier « {step.title} »
              </Button>
            )}
          </section>
        ))}
      <TextField path="notes" label="Remarques pour l’équipe du guichet (facultatif)" textArea />
      {!readOnly && (
        <Button type="button" iconId="fr-icon-send-plane-line" iconPosition="right" disabled={submitting} onClick={onSubmit}>
          {submitting ? 'Dépôt en cours…' : 'Déposer ma demande'}
        </Button>
      )}
    </>
  );
}
