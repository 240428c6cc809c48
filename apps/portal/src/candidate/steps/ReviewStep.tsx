import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { enumLabels } from '@guichet/contracts';
import type { InstallationRequestDraft } from '@guichet/contracts';
import { useCommunes } from '../../territory/communes.js';
import { formatDate, formatMoney } from '../../ui/format.js';
import { premisesTypeOptions, specialtyLabel } from '../../ui/labels.js';
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
const text = (value: string | number | undefined, unit = '') => (value === undefined || value === '' ? '—' : `${value}${unit}`);
const dateOf = (value: string | undefined) => (value ? formatDate(value) : '—');
const moneyOf = (value: Parameters<typeof formatMoney>[0]) => (value ? formatMoney(value) : '—');
const employmentSectors = { public: 'Public', private: 'Privé', any: 'Public ou privé' } as const;
const workingTimes = { 'full-time': 'Temps plein', 'part-time': 'Temps partiel', any: 'Temps plein ou partiel' } as const;

interface Names {
  commune: (insee: string) => string;
  departement: (code: string) => string;
}

/** Every answer of the form, step by step, in words: what the desk will read. */
function rows(data: InstallationRequestDraft, names: Names): Record<StepKey, [string, string][]> {
  const needs = data.needs ?? {};
  const communeOf = (insee: string | undefined) => (insee ? names.commune(insee) : '—');
  const premisesTypes = needs.premises?.premisesTypes?.map((type) => premisesTypeOptions.find((option) => option.value === type)?.label ?? type);
  return {
    identite: [
      ['Prénom', text(data.identity?.firstName)],
      ['Nom', text(data.identity?.lastName)],
      ['Adresse e-mail', text(data.contact?.email)],
      ['Téléphone', text(data.contact?.phone)],
      ['Commune de résidence', communeOf(data.contact?.homeCommuneCode)],
      ['Situation actuelle', data.status ? enumLabels.CandidateStatus[data.status] : '—'],
      ['Spécialité', specialtyLabel(data.specialty)],
      ['Faculté de rattachement', text(data.faculty)],
      ...(data.installedSince ? ([['Date d’installation', dateOf(data.installedSince)]] as [string, string][]) : []),
      ['Numéro RPPS', text(data.rpps)],
    ],
    stage: data.internship
      ? [
          ['Commune du lieu de stage', communeOf(data.internship.communeCode)],
          ['Établissement ou cabinet d’accueil', text(data.internship.hospitalName)],
          ['Numéro FINESS', text(data.internship.finess)],
          ['Commune du CHU de rattachement', communeOf(data.internship.chuCommuneCode)],
          ['Début du stage', dateOf(data.internship.startDate)],
          ['Fin du stage', dateOf(data.internship.endDate)],
          ['Stage ambulatoire', yesNo(data.internship.ambulatory)],
        ]
      : [['Stage', 'Non renseigné']],
    installation: [
      ['Communes visées', (data.targets?.communes ?? []).map(names.commune).join(', ') || '—'],
      ['Départements visés', (data.targets?.departements ?? []).map(names.departement).join(', ') || '—'],
      ['Rayon de recherche', text(data.targets?.radiusKm, ' km')],
      ['Date d’installation souhaitée', dateOf(data.desiredInstallationDate)],
      ['Mode d’exercice envisagé', data.practice?.mode ? enumLabels.PracticeMode[data.practice.mode] : '—'],
      ['Secteur de conventionnement', data.practice?.sector ? enumLabels.Sector[data.practice.sector] : '—'],
      ['Jours d’exercice libéral par semaine', text(data.practice?.daysPerWeek)],
      ['Exercice coordonné', yesNo(data.practice?.coordinatedPractice)],
      ['Permanence des soins', yesNo(data.practice?.onCallParticipation)],
    ],
    locaux: needs.premises
      ? [
          ['Types de local', premisesTypes?.join(', ') || 'Tous'],
          ['Surface minimale', text(needs.premises.surfaceM2Min, ' m²')],
          ['Surface maximale', text(needs.premises.surfaceM2Max, ' m²')],
          ['Loyer mensuel maximal', moneyOf(needs.premises.maxMonthlyRent)],
          ['Disponible à partir du', dateOf(needs.premises.availableFrom)],
        ]
      : [['Local professionnel', 'Pas de besoin']],
    logement: needs.housing
      ? [
          ['Date d’entrée dans le logement', dateOf(needs.housing.from)],
          ['Date de sortie du logement', dateOf(needs.housing.until)],
          ['Loyer mensuel maximal', moneyOf(needs.housing.maxMonthlyRent)],
          ['Personnes à loger', text(needs.housing.people)],
        ]
      : [['Logement', 'Pas de besoin']],
    conjoint: needs.spouseJob
      ? [
          ['Métier recherché', needs.spouseJob.profession ? enumLabels.Profession[needs.spouseJob.profession] : '—'],
          ['Secteur', needs.spouseJob.employmentSector ? employmentSectors[needs.spouseJob.employmentSector] : '—'],
          ['Temps de travail', needs.spouseJob.workingTime ? workingTimes[needs.spouseJob.workingTime] : '—'],
          ['Distance maximale de trajet', text(needs.spouseJob.maxCommuteKm, ' km')],
        ]
      : [['Emploi du conjoint', 'Pas de besoin']],
    aides: [
      ['Souhaite connaître les aides', yesNo(data.aids?.interested)],
      ['Précisions sur les aides', text(data.aids?.comment)],
      ...((data.previousAids ?? []).length === 0
        ? ([['Aides déjà reçues', 'Aucune']] as [string, string][])
        : (data.previousAids ?? []).map((aid, index): [string, string] => [
            `Aide reçue n° ${index + 1}`,
            [
              aid.category ? enumLabels.AidCategory[aid.category] : '—',
              aid.funder ? enumLabels.AidFunder[aid.funder] : '—',
              aid.label,
              aid.receivedOn ? `reçue le ${formatDate(aid.receivedOn)}` : undefined,
            ]
              .filter(Boolean)
              .join(' — '),
          ])),
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
  if (!reference) return <p role="status">Chargement du récapitulatif…</p>;
  const table = rows(data, { commune: reference.label, departement: (code) => `${reference.departementName(code)} (${code})` });
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
