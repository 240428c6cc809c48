import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { fieldErrorsFromValidationErrors, validateCommentCreate } from '@guichet/contracts';
import type { Problem } from '@guichet/contracts';
import type { CaseworkerApi } from '../api/intake.js';
import { formatDate } from '../ui/format.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';
import { useLoad } from '../ui/useLoad.js';

export function CommentsPanel({ api, requestId }: { api: CaseworkerApi; requestId: string }) {
  const [comments, reload] = useLoad(() => api.comments(requestId), [api, requestId]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const add = async () => {
    const checked = validateCommentCreate({ text });
    if (!checked.ok || !text.trim()) {
      setError(checked.ok ? 'champ obligatoire' : fieldErrorsFromValidationErrors(checked.errors)[0]?.detail);
      return;
    }
    const result = await api.addComment(requestId, text.trim());
    if (!result.ok) return setProblem(result.problem);
    setText('');
    setProblem(null);
    reload();
  };
  return (
    <section aria-labelledby="commentaires-titre" className="fr-mb-4w">
      <h2 id="commentaires-titre" className="fr-h5">
        Commentaires internes
      </h2>
      <p className="fr-hint-text">Jamais montrés au candidat.</p>
      {comments.kind === 'failed' && <ProblemAlert problem={comments.problem} title="Commentaires indisponibles" />}
      {comments.kind === 'ok' && comments.data.items.length === 0 && <p>Aucun commentaire.</p>}
      {comments.kind === 'ok' && comments.data.items.length > 0 && (
        <ul>
          {comments.data.items.map((comment) => (
            <li key={comment.id} className="fr-mb-1w">
              <p className="fr-text--sm fr-mb-0 fr-text-mention--grey">
                {comment.authorName ?? comment.authorId}, le {formatDate(comment.createdAt)}
              </p>
              <p className="fr-mb-0">{comment.text}</p>
            </li>
          ))}
        </ul>
      )}
      {problem && <ProblemAlert problem={problem} title="Le commentaire n’a pas été ajouté" />}
      <Input
        label="Nouveau commentaire"
        textArea
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeTextAreaProps={{ id: 'commentaire-texte', value: text, rows: 3, onChange: (event) => (setText(event.target.value), setError(undefined)) }}
      />
      <Button priority="secondary" onClick={() => void add()}>
        Ajouter le commentaire
      </Button>
    </section>
  );
}
