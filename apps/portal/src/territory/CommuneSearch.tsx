import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { Commune } from '@guichet/territory';
import { useCommunes } from './communes.js';

interface Props {
  label: string;
  hint?: string;
  /** INSEE code of the chosen commune, if any. */
  value: string | undefined;
  onChange: (insee: string | undefined) => void;
  error?: string | undefined;
  id?: string;
  /** Show the chosen commune in the box (a single commune), or empty it (adding to a list). */
  keepChoice?: boolean;
}

/**
 * Combobox (ARIA 1.2 pattern) over the communes reference: by name ("saint etienne") or by postal
 * code ("37000"); arrow keys move, Enter chooses, Escape closes.
 */
export function CommuneSearch({ label, hint, value, onChange, error, id, keepChoice = true }: Props) {
  const reference = useCommunes();
  const generated = useId();
  const inputId = id ?? `commune-${generated}`;
  const listId = `${inputId}-liste`;
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  // Until the parent's value catches up with the choice, the box keeps showing it.
  const [picked, setPicked] = useState<string | undefined>(undefined);
  // The parent emptied the field (a form reset after publishing): the old choice must go too.
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    if (value === undefined) setPicked(undefined);
  }
  const shown = value ?? (keepChoice ? picked : undefined);
  // A bare INSEE code means nothing to a reader: the box waits for the name.
  const chosenLabel = shown && reference ? reference.label(shown) : '';
  const text = query ?? chosenLabel;
  const results: Commune[] = useMemo(() => (reference && query ? reference.index.search(query, 8) : []), [reference, query]);
  const open = query !== null && results.length > 0;

  const choose = (commune: Commune) => {
    onChange(commune.insee);
    setPicked(commune.insee);
    setQuery(null);
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!open) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((active + 1) % results.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((active - 1 + results.length) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const commune = results[active];
      if (commune) choose(commune);
    } else if (event.key === 'Escape') {
      setQuery(null);
    }
  };
  const status = !reference
    ? 'Chargement de la liste des communes…'
    : query && query.trim().length >= 2 && results.length === 0
      ? 'Aucune commune ne correspond.'
      : open
        ? `${results.length} commune${results.length > 1 ? 's' : ''} proposée${results.length > 1 ? 's' : ''}.`
        : '';

  return (
    <div className="fr-mb-3w">
      <Input
        label={label}
        hintText={hint ?? 'Nom de la commune ou code postal'}
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{
          id: inputId,
          role: 'combobox',
          autoComplete: 'off',
          'aria-autocomplete': 'list',
          'aria-expanded': open,
          'aria-controls': listId,
          'aria-activedescendant': open ? `${listId}-${active}` : undefined,
          value: text,
          onChange: (event) => {
            setQuery(event.target.value);
            setActive(0);
            if (event.target.value === '') {
              setPicked(undefined);
              onChange(undefined);
            }
          },
          onKeyDown,
          onBlur: () => setTimeout(() => setQuery(null), 150),
        }}
      />
      <ul id={listId} role="listbox" aria-label={`${label} : suggestions`} className="guichet-suggestions" hidden={!open}>
        {results.map((commune, position) => (
          <li
            key={commune.insee}
            id={`${listId}-${position}`}
            role="option"
            aria-selected={position === active}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(commune);
            }}
          >
            {commune.name} ({commune.postalCode}) — {reference?.departementName(commune.departement)}
          </li>
        ))}
      </ul>
      <p className="fr-sr-only" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
