import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { candidateApi } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import type { Problem } from '@guichet/contracts';
import { FormStepper } from '../ui/FormStepper.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { FieldContext, fieldId } from '../ui/form/field-context.js';
import type { FieldBinding } from '../ui/form/field-context.js';
import { errorMap } from '../ui/form/paths.js';
import type { ErrorMap, FieldPath } from '../ui/form/paths.js';
import { errorsOfStep, stepOfField, steps } from './form-model.js';
import type { StepKey } from './form-model.js';
import { SaveStatus } from './SaveStatus.js';
import { StepContent } from './StepContent.js';
import type { DraftEditor } from './useDraftEditor.js';
import { draftErrors, submissionErrors } from './validation.js';

export function RequestForm({ editor }: { editor: DraftEditor }) {
  const { intake } = useSession();
  const api = useMemo(() => candidateApi(intake), [intake]);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const stepKey = (steps.find((step) => step.key === params.get('etape')) ?? steps[0])?.key ?? 'identite';
  const index = steps.findIndex((step) => step.key === stepKey);
  const step = steps[index] ?? steps[0];
  const [touched, setTouched] = useState<ReadonlySet<FieldPath>>(new Set());
  const [visitedSteps, setVisitedSteps] = useState<ReadonlySet<StepKey>>(new Set());
  const [showSubmission, setShowSubmission] = useState(false);
  const [serverErrors, setServerErrors] = useState<ErrorMap>({});
  const [submitProblem, setSubmitProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useRef<string | null>(null);
  // Said once, where the form opened: repeated on every later step it reads as a new event.
  const [showRestored, setShowRestored] = useState(editor.restored);

  const draft = useMemo(() => errorMap(draftErrors(editor.data)), [editor.data]);
  const submission = useMemo(() => errorMap(submissionErrors(editor.data)), [editor.data]);
  const saveErrors = useMemo(() => (editor.saveState.kind === 'invalid' ? errorMap(editor.saveState.errors) : {}), [editor.saveState]);

  const binding: FieldBinding = {
    data: editor.data,
    readOnly: !editor.editable,
    update: (path, value) => {
      setServerErrors((current) => {
        if (!(path in current)) return current;
        const { [path]: _removed, ...rest } = current;
        return rest;
      });
      editor.update(path, value);
    },
    touch: (path) => setTouched((current) => (current.has(path) ? current : new Set([...current, path]))),
    errorOf: (path) =>
      serverErrors[path] ??
      (showSubmission ? submission[path] : undefined) ??
      (touched.has(path) || visitedSteps.has(stepOfField(path)) ? (draft[path] ?? saveErrors[path]) : undefined),
  };

  useEffect(() => {
    const element = pendingFocus.current ? document.getElementById(fieldId(pendingFocus.current)) : headingRef.current;
    pendingFocus.current = null;
    // A group of radios or checkboxes carries the id on its fieldset: focus its first input.
    const target = element?.matches('input, select, textarea, [tabindex]')
      ? element
      : (element?.querySelector<HTMLElement>('input, select, textarea') ?? element);
    target?.focus();
  }, [stepKey]);

  const goTo = (key: StepKey, focus?: FieldPath) => {
    setShowRestored(false);
    setVisitedSteps((current) => new Set([...current, stepKey]));
    pendingFocus.current = focus ?? null;
    setParams({ etape: key });
    window.scrollTo({ top: 0 });
  };

  const submit = async () => {
    setShowSubmission(true);
    setSubmitProblem(null);
    if (Object.keys(submission).length > 0) {
      headingRef.current?.focus();
      return;
    }
    setSubmitting(true);
    const saved = await editor.flush();
    if (saved.kind !== 'saved') {
      setSubmitting(false);
      setSubmitProblem({
        type: 'about:blank',
        title: 'Brouillon non enregistré',
        status: 0,
        detail: 'Le brouillon doit être enregistré avant le dépôt ; nous réessayons automatiquement.',
      });
      return;
    }
    const result = await api.submit(editor.request.id, editor.request.version);
    setSubmitting(false);
    if (result.ok) {
      editor.forgetLocalCopy();
      editor.setRequest(result.data);
      navigate(`/candidat/demandes/${result.data.id}/suivi`, { state: { submitted: true } });
      return;
    }
    if (result.problem.errors?.length) setServerErrors(errorMap(result.problem.errors));
    setSubmitProblem(result.problem);
  };

  const allErrors: ErrorMap = { ...(showSubmission ? submission : {}), ...serverErrors };
  const reviewErrors = Object.entries(allErrors);
  const stepErrors = errorsOfStep(allErrors, stepKey);
  const next = steps[index + 1];
  const previous = steps[index - 1];

  return (
    <FieldContext.Provider value={binding}>
      {editor.editable && <SaveStatus state={editor.saveState} onRetry={editor.retryNow} />}
      {showRestored && (
        <Alert
          className="fr-my-2w"
          severity="info"
          small
          closable
          onClose={() => setShowRestored(false)}
          description="Des saisies qui n’avaient pas encore été enregistrées ont été retrouvées et reprises ; elles sont enregistrées à l’instant."
        />
      )}
      <FormStepper
        titles={steps.map((candidate) => candidate.title)}
        current={index + 1}
        title={
          <span ref={headingRef} tabIndex={-1}>
            {step?.title}
          </span>
        }
      />
      {stepKey !== 'recapitulatif' && showSubmission && stepErrors.length > 0 && (
        <Alert
          className="fr-mb-3w"
          severity="error"
          small
          description={`${stepErrors.length} champ${stepErrors.length > 1 ? 's' : ''} de cette étape à corriger.`}
        />
      )}
      {submitProblem && <ProblemAlert problem={submitProblem} title="Le dépôt n’a pas abouti" />}
      <form
        noValidate
        aria-label={step?.title}
        onSubmit={(event) => {
          event.preventDefault();
          if (next) goTo(next.key);
        }}
      >
        <StepContent step={stepKey} reviewErrors={reviewErrors} onGoTo={goTo} onSubmit={() => void submit()} submitting={submitting} />
        <ul className="guichet-actions fr-mt-4w">
          {previous && (
            <li>
              <Button type="button" priority="secondary" iconId="fr-icon-arrow-left-line" onClick={() => goTo(previous.key)}>
                Étape précédente
              </Button>
            </li>
          )}
          {next && (
            <li>
              <Button type="submit" iconId="fr-icon-arrow-right-line" iconPosition="right">
                Étape suivante
              </Button>
            </li>
          )}
        </ul>
      </form>
    </FieldContext.Provider>
  );
}
