import { useEffect, useMemo, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import type { InstallationRequest, InstallationRequestDraft, Problem } from '@guichet/contracts';
import { useParams } from 'react-router-dom';
import { candidateApi } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import { forgetPrefill, peekPrefill } from '../simulation/prefill.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { usePageTitle } from '../ui/usePageTitle.js';
import { RequestForm } from './RequestForm.js';
import { useDraftEditor } from './useDraftEditor.js';

function Editor({ request, prefill }: { request: InstallationRequest; prefill: InstallationRequestDraft | null }) {
  const editor = useDraftEditor(request, prefill);
  useEffect(() => {
    if (prefill) forgetPrefill();
  }, [prefill]);
  return (
    <>
      {!editor.editable && (
        <Notice
          className="fr-mb-3w"
          title="Votre demande est déposée : elle n’est plus modifiable ici."
          link={{ linkProps: { to: `/candidat/demandes/${request.id}/suivi` }, text: 'Suivre ma demande' }}
        />
      )}
      {request.status === 'awaiting_candidate' && (
        <Notice className="fr-mb-3w" title="Le guichet vous a demandé des informations : complétez les champs puis répondez depuis la page de suivi." />
      )}
      <RequestForm editor={editor} />
    </>
  );
}

export default function RequestFormPage() {
  usePageTitle('Ma demande d’installation');
  const { requestId = '' } = useParams();
  const { intake } = useSession();
  const api = useMemo(() => candidateApi(intake), [intake]);
  const [request, setRequest] = useState<InstallationRequest | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [prefill] = useState(peekPrefill);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void api.get(requestId).then((result) => {
      if (!live) return;
      if (result.ok) setRequest(result.data);
      else setProblem(result.problem);
    });
    return () => {
      live = false;
    };
  }, [api, requestId, attempt]);

  return (
    <>
      <h1>Ma demande d’installation</h1>
      {problem && (
        <>
          <ProblemAlert problem={problem} title="Impossible de charger votre demande" />
          <Button onClick={() => (setProblem(null), setAttempt(attempt + 1))}>Réessayer</Button>
        </>
      )}
      {!problem && !request && <p role="status">Chargement de votre demande…</p>}
      {request && <Editor request={request} prefill={prefill} />}
    </>
  );
}
