import { useEffect, useMemo, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { Problem } from '@guichet/contracts';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { candidateApi } from '../api/intake.js';
import { useSession } from '../auth/session-context.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { usePageTitle } from '../ui/usePageTitle.js';

/** "Ma demande": opens the request still being written, or starts one. */
export default function DraftEntry() {
  usePageTitle('Ma demande');
  const { intake } = useSession();
  const api = useMemo(() => candidateApi(intake), [intake]);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const open = async () => {
      const mine = await api.listMine();
      if (!live) return;
      if (!mine.ok) return setProblem(mine.problem);
      const editable = mine.data.items.find((request) => request.status === 'draft' || request.status === 'awaiting_candidate');
      const id = editable?.id ?? (await createDraft());
      if (live && id) navigate(`/candidat/demande/${id}${params.toString() ? `?${params.toString()}` : ''}`, { replace: true });
    };
    const createDraft = async (): Promise<string | null> => {
      const created = await api.createOrResume({});
      if (created.ok) return created.data.id;
      if (live) setProblem(created.problem);
      return null;
    };
    void open();
    return () => {
      live = false;
    };
  }, [api, navigate, params, attempt]);

  return (
    <>
      <h1>Ma demande</h1>
      {problem ? (
        <>
          <ProblemAlert problem={problem} title="Impossible d’ouvrir votre demande" />
          <Button onClick={() => (setProblem(null), setAttempt(attempt + 1))}>Réessayer</Button>
        </>
      ) : (
        <p role="status">Ouverture de votre demande…</p>
      )}
    </>
  );
}
