import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { caseworkerTargets, fieldErrorsFromValidationErrors, validateInfoRequestCreate, validateStatusChange } from '@guichet/contracts';
import type { CaseStatus, InstallationRequest, Problem } from '@guichet/contracts';
import type { CaseworkerApi } from '../api/intake.js';
import type { Principal } from '../auth/claims.js';
import { errorMap } from '../ui/form/paths.js';
import type { ErrorMap } from '../ui/form/paths.js';
import { caseStatusLabel, caseStatusOptions } from '../ui/labels.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';

interface Props {
  api: CaseworkerApi;
  request: InstallationRequest;
  principal: Principal;
  onChanged: (message: string) => void;
}

function state(errors: ErrorMap, field: string) {
  return errors[field] ? ({ state: 'error', stateRelatedMessage: errors[field] } as const) : ({ state: 'default' } as const);
}

export function ReferentForm({ api, request, principal, onChanged }: Props) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const mine = request.referent?.id === principal.id;
  const assign = async () => {
    const result = await api.assignReferent(request.id, request.version, { referentId: principal.id, displayName: principal.displayName });
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    onChanged('Vous êtes désormais le référent de ce dossier.');
  };
  return (
    <section aria-labelledby="referent-titre" className="fr-mb-4w">
      <h2 id="referent-titre" className="fr-h5">
        Référent
      </h2>
      <p>{request.referent ? `${request.referent.displayName ?? request.referent.id}${mine ? ' (vous)' : ''}` : 'Aucun référent désigné.'}</p>
      {problem && <ProblemAlert problem={problem} title="La désignation a échoué" />}
      {!mine && (
        <Button priority="secondary" iconId="fr-icon-user-add-line" onClick={() => void assign()}>
          Devenir référent
        </Button>
      )}
    </section>
  );
}

export function StatusForm({ api, request, onChanged }: Props) {
  const [to, setTo] = useState<CaseStatus | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async () => {
    const body = { to, reason };
    const checked = validateStatusChange(body);
    const local = checked.ok ? {} : errorMap(fieldErrorsFromValidationErrors(checked.errors));
    if (!reason.trim()) Object.assign(local, { reason: local.reason ?? 'champ obligatoire' });
    if (!to) Object.assign(local, { to: 'choisissez un statut' });
    setErrors(local);
    if (Object.keys(local).length > 0 || !to) return;
    const result = await api.changeStatus(request.id, request.version, to, reason.trim());
    if (!result.ok) {
      if (result.problem.errors) setErrors(errorMap(result.problem.errors));
      return setProblem(result.problem);
    }
    setProblem(null);
    setTo('');
    setReason('');
    onChanged(`Statut changé : ${caseStatusOptions.find((option) => option.value === to)?.label ?? to}.`);
  };
  const targets = caseworkerTargets(request.status);
  if (targets.length === 0) {
    return (
      <section aria-labelledby="statut-titre" className="fr-mb-4w">
        <h2 id="statut-titre" className="fr-h5">
          Statut
        </h2>
        <p>Un dossier « {caseStatusLabel(request.status)} » ne change plus de statut à l’initiative du guichet.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="statut-titre" className="fr-mb-4w">
      <h2 id="statut-titre" className="fr-h5">
        Changer le statut
      </h2>
      {problem && <ProblemAlert problem={problem} title="Le statut n’a pas changé" />}
      <Select
        label="Nouveau statut"
        {...state(errors, 'to')}
        nativeSelectProps={{ id: 'statut-cible', value: to, onChange: (event) => setTo(event.target.value as CaseStatus | '') }}
      >
        <option value="">Choisir</option>
        {caseStatusOptions
          .filter((option) => targets.includes(option.value))
          .map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
      </Select>
      <Input
        label="Raison (visible dans le journal)"
        textArea
        {...state(errors, 'reason')}
        nativeTextAreaProps={{ id: 'statut-raison', value: reason, rows: 3, onChange: (event) => setReason(event.target.value) }}
      />
      <Button onClick={() => void submit()}>Changer le statut</Button>
    </section>
  );
}

function inDays(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** The desk asks the candidate only where the lifecycle lets it put the case on the candidate's side. */
export const mayRequestInformation = (request: InstallationRequest): boolean => caseworkerTargets(request.status).includes('awaiting_candidate');

export function InfoRequestForm({ api, request, onChanged }: Props) {
  const [question, setQuestion] = useState('');
  const [dueDate, setDueDate] = useState(() => inDays(15));
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async () => {
    const body = { question, dueDate };
    const checked = validateInfoRequestCreate(body);
    const local = checked.ok ? {} : errorMap(fieldErrorsFromValidationErrors(checked.errors));
    if (!question.trim()) Object.assign(local, { question: 'champ obligatoire' });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const result = await api.requestInformation(request.id, request.version, { question: question.trim(), dueDate });
    if (!result.ok) {
      if (result.problem.errors) setErrors(errorMap(result.problem.errors));
      return setProblem(result.problem);
    }
    setProblem(null);
    setQuestion('');
    onChanged('La demande d’information est envoyée au candidat ; le dossier attend sa réponse.');
  };
  return (
    <section aria-labelledby="information-titre" className="fr-mb-4w">
      <h2 id="information-titre" className="fr-h5">
        Demander une information au candidat
      </h2>
      {problem && <ProblemAlert problem={problem} title="La demande n’a pas été envoyée" />}
      <Input
        label="Question"
        textArea
        {...state(errors, 'question')}
        nativeTextAreaProps={{ id: 'information-question', value: question, rows: 3, onChange: (event) => setQuestion(event.target.value) }}
      />
      <Input
        label="Réponse attendue avant le"
        {...state(errors, 'dueDate')}
        nativeInputProps={{ id: 'information-echeance', type: 'date', value: dueDate, onChange: (event) => setDueDate(event.target.value) }}
      />
      <Button priority="secondary" onClick={() => void submit()}>
        Envoyer la demande
      </Button>
    </section>
  );
}
