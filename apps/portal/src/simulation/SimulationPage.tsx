import { useEffect, useMemo, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { fieldErrorsFromValidationErrors, validateEligibilitySimulationRequest } from '@guichet/contracts';
import type { EligibilityResult, FieldError, Problem } from '@guichet/contracts';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { createHttpClient } from '../api/http.js';
import { matchingApi } from '../api/matching.js';
import { config } from '../config.js';
import { CommuneSearch } from '../territory/CommuneSearch.js';
import { useCommunes } from '../territory/communes.js';
import { candidateStatusOptions, sectorOptions, specialtyOptions, zoneLabel } from '../ui/labels.js';
import type { Option } from '../ui/labels.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { VerdictList } from '../ui/VerdictList.js';
import { keepPrefill } from './prefill.js';
import { choicesOfParams, defaultProject, draftOfChoices, paramsOfChoices, projectOptions, simulationRequest } from './simulation-request.js';
import type { SimulationChoices } from './simulation-request.js';

function Choice<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
  placeholder,
}: {
  id: string;
  label: string;
  value: T | undefined;
  options: Option<T>[];
  onChange: (value: T | undefined) => void;
  placeholder: string;
}) {
  return (
    <Select label={label} nativeSelectProps={{ id, value: value ?? '', onChange: (event) => onChange((event.target.value || undefined) as T | undefined) }}>
      <option value="">{placeholder}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}

type Outcome =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; result: EligibilityResult }
  | { kind: 'failed'; problem: Problem }
  | { kind: 'invalid'; errors: FieldError[] };

/** "Try before filing": no account, no personal data; results follow each choice at once. */
export default function SimulationPage() {
  usePageTitle('Simuler mes aides');
  const api = useMemo(() => matchingApi(createHttpClient(config.matchingBase, () => undefined)), []);
  const navigate = useNavigate();
  const reference = useCommunes();
  const [params, setParams] = useSearchParams();
  const choices = useMemo(() => choicesOfParams(params), [params]);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const choose = (change: Partial<SimulationChoices>) => setParams(paramsOfChoices({ ...choices, ...change }), { replace: true });
  const request = useMemo(() => simulationRequest(choices), [choices]);

  useEffect(() => {
    if (!request) return setOutcome({ kind: 'idle' });
    const checked = validateEligibilitySimulationRequest(request);
    if (!checked.ok) return setOutcome({ kind: 'invalid', errors: fieldErrorsFromValidationErrors(checked.errors) });
    let live = true;
    setOutcome({ kind: 'loading' });
    const timer = setTimeout(() => {
      void api.simulate(request).then((result) => {
        if (!live) return;
        setOutcome(result.ok ? { kind: 'done', result: result.data } : { kind: 'failed', problem: result.problem });
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, request, attempt]);

  const start = () => {
    keepPrefill(draftOfChoices(choices));
    navigate('/candidat/demande');
  };
  const communeName = choices.communeInsee && reference ? reference.label(choices.communeInsee) : choices.communeInsee;

  return (
    <>
      <h1>Simuler mes aides</h1>
      <p className="fr-text--lead">
        Sans compte et sans donnée personnelle : choisissez votre situation et une commune, les aides possibles s’affichent aussitôt.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <form aria-label="Votre situation" onSubmit={(event) => event.preventDefault()}>
            <Choice
              id="simulation-situation"
              label="Situation"
              placeholder="Choisir votre situation"
              value={choices.status}
              options={candidateStatusOptions}
              onChange={(status) => choose({ status, project: undefined })}
            />
            <Choice
              id="simulation-projet"
              label="Projet"
              placeholder="Choisir un projet"
              value={choices.project ?? (choices.status ? defaultProject(choices.status) : undefined)}
              options={projectOptions}
              onChange={(project) => choose({ project })}
            />
            <Choice
              id="simulation-specialite"
              label="Spécialité (facultatif)"
              placeholder="Toutes spécialités"
              value={choices.specialty}
              options={specialtyOptions}
              onChange={(specialty) => choose({ specialty })}
            />
            <Choice
              id="simulation-secteur"
              label="Secteur envisagé (facultatif)"
              placeholder="Non décidé"
              value={choices.sector}
              options={sectorOptions}
              onChange={(sector) => choose({ sector })}
            />
            <CommuneSearch id="simulation-commune" label="Commune" value={choices.communeInsee} onChange={(communeInsee) => choose({ communeInsee })} />
          </form>
          <Button iconId="fr-icon-file-add-line" disabled={!request} onClick={start}>
            Commencer une demande avec ces choix
          </Button>
        </div>
        <div className="fr-col-12 fr-col-md-8" aria-live="polite" aria-busy={outcome.kind === 'loading'}>
          {outcome.kind === 'idle' && <p>Choisissez une situation et une commune pour voir les aides.</p>}
          {outcome.kind === 'loading' && <p role="status">Calcul des aides…</p>}
          {outcome.kind === 'invalid' && <ProblemAlert problem={{ type: 'about:blank', title: 'Choix incomplets', status: 400, errors: outcome.errors }} />}
          {outcome.kind === 'failed' && (
            <>
              <ProblemAlert problem={outcome.problem} title="La simulation n’a pas abouti" />
              <Button priority="secondary" onClick={() => setAttempt(attempt + 1)}>
                Réessayer
              </Button>
            </>
          )}
          {outcome.kind === 'done' && (
            <>
              <h2>
                Aides à {communeName} — {zoneLabel(outcome.result.zone)}
              </h2>
              {outcome.result.zoneArrete && <p className="fr-text--sm">Zonage : {outcome.result.zoneArrete.reference}</p>}
              <VerdictList result={outcome.result} headingLevel="h3" />
            </>
          )}
        </div>
      </div>
    </>
  );
}
