import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { fieldErrorsFromValidationErrors, validateInfoRequestAnswer } from '@guichet/contracts';
import type { InfoRequest, Problem } from '@guichet/contracts';
import type { CandidateApi } from '../api/intake.js';
import { formatDate } from '../ui/format.js';
import { ProblemAlert } from '../ui/ProblemAlert.js';

export function InfoRequestAnswer({ api, requestId, info, onAnswered }: { api: CandidateApi; requestId: string; info: InfoRequest; onAnswered: () => void }) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  const id = `reponse-${info.id}`;
  const send = async () => {
    const checked = validateInfoRequestAnswer({ answer });
    if (!checked.ok || answer.trim() === '') {
      setError(checked.ok ? 'champ obligatoire' : fieldErrorsFromValidationErrors(checked.errors)[0]?.detail);
      return;
    }
    setSending(true);
    const result = await api.answerInfoRequest(requestId, info.id, answer);
    setSending(false);
    if (result.ok) onAnswered();
    else setProblem(result.problem);
  };
  return (
    <div className="fr-mb-3w">
      <p className="fr-mb-1w">
        <strong>{info.question}</strong> (réponse attendue avant le {formatDate(info.dueDate)})
      </p>
      {problem && <ProblemAlert problem={problem} title="La réponse n’a pas été envoyée" />}
      <Input
        label="Votre réponse"
        textArea
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeTextAreaProps={{ id, value: answer, rows: 3, onChange: (event) => (setAnswer(event.target.value), setError(undefined)) }}
      />
      <Button disabled={sending} onClick={() => void send()}>
        {sending ? 'Envoi…' : 'Envoyer ma réponse'}
      </Button>
    </div>
  );
}
