import { useMemo, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { fieldErrorsFromValidationErrors, validateOfferInput } from '@guichet/contracts';
import type { Offer, OfferKind, Problem } from '@guichet/contracts';
import { matchingApi } from '../api/matching.js';
import { useSession } from '../auth/session-context.js';
import { FieldContext } from '../ui/form/field-context.js';
import type { FieldBinding } from '../ui/form/field-context.js';
import { errorMap, setAt } from '../ui/form/paths.js';
import type { ErrorMap } from '../ui/form/paths.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { kindLabels } from './offer-labels.js';
import { OfferFields } from './OfferFields.js';

interface Draft {
  kind: OfferKind;
  details: Record<string, unknown>;
}

export default function PublishOfferPage() {
  usePageTitle('Publier une offre');
  const { matching } = useSession();
  const api = useMemo(() => matchingApi(matching), [matching]);
  const [draft, setDraft] = useState<Draft>({ kind: 'premises', details: {} });
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [published, setPublished] = useState<Offer | null>(null);
  const [sending, setSending] = useState(false);

  const binding: FieldBinding<Draft> = {
    data: draft,
    readOnly: false,
    update: (path, value) => {
      setDraft((current) => setAt(current, path, value));
      setErrors(({ [path]: _removed, ...rest }) => rest);
    },
    errorOf: (path) => errors[path],
    touch: () => undefined,
  };

  const publish = async () => {
    setProblem(null);
    setPublished(null);
    const checked = validateOfferInput(draft);
    if (!checked.ok) {
      setErrors(errorMap(fieldErrorsFromValidationErrors(checked.errors)));
      setProblem({ type: 'about:blank', title: 'Offre incomplète', status: 400, detail: 'Corrigez les champs signalés.' });
      return;
    }
    setSending(true);
    const result = await api.publish(checked.value);
    setSending(false);
    if (!result.ok) {
      if (result.problem.errors) setErrors(errorMap(result.problem.errors));
      return setProblem(result.problem);
    }
    setPublished(result.data);
    setDraft({ kind: draft.kind, details: {} });
  };

  return (
    <>
      <h1>Publier une offre</h1>
      {published && (
        <Alert
          className="fr-mb-3w"
          severity="success"
          title="Offre publiée"
          description={`« ${published.details.title} » est visible des candidats de votre territoire.`}
          closable
          onClose={() => setPublished(null)}
        />
      )}
      {problem && <ProblemAlert problem={problem} title="L’offre n’a pas été publiée" />}
      <RadioButtons
        id="nature-offre"
        legend="Nature de l’offre"
        name="nature-offre"
        orientation="horizontal"
        options={(Object.keys(kindLabels) as OfferKind[]).map((kind) => ({
          label: kindLabels[kind],
          nativeInputProps: { checked: draft.kind === kind, onChange: () => (setDraft({ kind, details: {} }), setErrors({})) },
        }))}
      />
      <FieldContext.Provider value={binding as FieldBinding<object>}>
        <form
          noValidate
          aria-label={`Offre : ${kindLabels[draft.kind]}`}
          onSubmit={(event) => {
            event.preventDefault();
            void publish();
          }}
        >
          <OfferFields kind={draft.kind} />
          <Button type="submit" disabled={sending} iconId="fr-icon-upload-line">
            {sending ? 'Publication…' : 'Publier l’offre'}
          </Button>
        </form>
      </FieldContext.Provider>
    </>
  );
}
