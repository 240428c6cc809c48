import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { Problem } from '@guichet/contracts';

/** An RFC 9457 problem from a service, in French, with its per-field messages. */
export function ProblemAlert({ problem, title }: { problem: Problem; title?: string }) {
  return (
    <Alert
      className="fr-mb-3w"
      severity="error"
      title={title ?? problem.title}
      description={
        <>
          {problem.detail && <p>{problem.detail}</p>}
          {problem.errors && problem.errors.length > 0 && (
            <ul>
              {problem.errors.map((error) => (
                <li key={`${error.field}-${error.detail}`}>{error.field ? `${error.field} : ${error.detail}` : error.detail}</li>
              ))}
            </ul>
          )}
        </>
      }
    />
  );
}
