import type { ReactNode } from 'react';

interface Props {
  titles: readonly string[];
  /** 1-based, as the DSFR stepper counts. */
  current: number;
  title: ReactNode;
}

/**
 * The DSFR stepper's look for any number of steps: its CSS draws at most 8 segments, and the form
 * has 9. Each segment is a list item, so a screen reader hears every step and which one is current.
 */
export function FormStepper({ titles, current, title }: Props) {
  const next = titles[current];
  return (
    <div className="fr-stepper fr-mt-2w">
      <h2 className="fr-stepper__title">
        {title}
        <span className="fr-stepper__state">
          Étape {current} sur {titles.length}
        </span>
      </h2>
      <ol className="guichet-stepper-steps" aria-label="Étapes du formulaire">
        {titles.map((stepTitle, index) => {
          const position = index + 1;
          const state = position < current ? 'faite' : position === current ? 'en cours' : 'à venir';
          return (
            <li key={stepTitle} className={position <= current ? 'is-reached' : undefined} aria-current={position === current ? 'step' : undefined}>
              <span className="fr-sr-only">
                {stepTitle} ({state})
              </span>
            </li>
          );
        })}
      </ol>
      {next !== undefined && (
        <p className="fr-stepper__details">
          <span className="fr-text--bold">Étape suivante :</span> {next}
        </p>
      )}
    </div>
  );
}
