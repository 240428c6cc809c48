import { useEffect, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatTime } from '../ui/format.js';
import type { SaveState } from './draft-saver.js';

function useSecondsUntil(date: Date | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!date) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [date]);
  return date ? Math.max(0, Math.ceil((date.getTime() - now) / 1000)) : 0;
}

/** Always visible: where the draft stands (saved, saving, kept on this device, failed and retried). */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const seconds = useSecondsUntil(state.kind === 'retrying' ? state.retryAt : null);
  let icon = 'fr-icon-checkbox-circle-line';
  let tone = 'fr-text-default--success';
  let text: string;
  switch (state.kind) {
    case 'saved':
      text = state.at ? `Brouillon enregistré à ${formatTime(state.at)}` : 'Brouillon enregistré';
      break;
    case 'pending':
      icon = 'fr-icon-edit-line';
      tone = 'fr-text-mention--grey';
      text = state.keptLocally
        ? 'Modifications en attente, enregistrement dans un instant…'
        : 'Modifications non enregistrées : ne fermez pas la page.';
      break;
    case 'saving':
      icon = 'fr-icon-refresh-line';
      tone = 'fr-text-mention--grey';
      text = 'Enregistrement en cours…';
      break;
    case 'invalid':
      icon = 'fr-icon-warning-line';
      tone = 'fr-text-default--warning';
      text = `Brouillon pas encore enregistré : corrigez ${state.errors.length > 1 ? `les ${state.errors.length} champs signalés` : 'le champ signalé'}.`;
      break;
    case 'retrying':
      icon = 'fr-icon-error-warning-line';
      tone = 'fr-text-default--error';
      text = `Échec de l’enregistrement (${state.reason}). Vos saisies restent dans cette page, ne la fermez pas ; nouvel essai automatique.`;
      break;
    case 'blocked':
      icon = 'fr-icon-error-warning-line';
      tone = 'fr-text-default--error';
      text = `Enregistrement impossible : ${state.reason}`;
      break;
  }
  return (
    <div className="guichet-save-status" data-save-state={state.kind}>
      <p className={`fr-mb-0 fr-text--sm ${tone}`} role="status" aria-live="polite">
        <span className={icon} aria-hidden="true" /> {text}
      </p>
      {state.kind === 'retrying' && (
        <p className="fr-mb-0 fr-text--sm">
          <span aria-hidden="true">{seconds > 0 ? `Prochain essai dans ${seconds} s. ` : 'Essai en cours. '}</span>
          <Button size="small" priority="tertiary" onClick={onRetry}>
            Réessayer maintenant
          </Button>
        </p>
      )}
    </div>
  );
}
