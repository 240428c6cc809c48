import { useState } from 'react';
import type { ReactNode } from 'react';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { Money } from '@guichet/contracts';
import { euroInputToMoney, moneyToEuroInput } from '../format.js';
import type { Option } from '../labels.js';
import { fieldId, useFields } from './field-context.js';
import { dateTextOfIso, isoOfDateText } from './date-text.js';
import { getAt } from './paths.js';
import type { FieldPath } from './paths.js';

interface Common {
  path: FieldPath;
  label: string;
  hint?: ReactNode;
}

function stateOf(error: string | undefined) {
  return error ? ({ state: 'error', stateRelatedMessage: error } as const) : ({ state: 'default' } as const);
}

export function TextField({
  path,
  label,
  hint,
  type = 'text',
  autoComplete,
  textArea = false,
}: Common & { type?: 'text' | 'email' | 'tel'; autoComplete?: string; textArea?: boolean }) {
  const { data, update, errorOf, touch, readOnly } = useFields<object>();
  const value = getAt(data, path);
  const common = {
    id: fieldId(path),
    value: typeof value === 'string' ? value : '',
    readOnly,
    onBlur: () => touch(path),
    'aria-invalid': errorOf(path) ? true : undefined,
  };
  const onChange = (text: string) => update(path, text === '' ? undefined : text);
  if (textArea) {
    return (
      <Input
        label={label}
        hintText={hint}
        {...stateOf(errorOf(path))}
        textArea
        nativeTextAreaProps={{ ...common, rows: 4, onChange: (event) => onChange(event.target.value) }}
      />
    );
  }
  return (
    <Input
      label={label}
      hintText={hint}
      {...stateOf(errorOf(path))}
      nativeInputProps={{ ...common, type, autoComplete, onChange: (event) => onChange(event.target.value) }}
    />
  );
}

/**
 * A date typed as « JJ/MM/AAAA » in a text box: the native date input follows the browser's
 * language, so the French hint would be read month first in an English browser.
 */
export function DateField({ path, label, hint }: Common) {
  const { data, update, errorOf, touch, readOnly } = useFields<object>();
  const value = getAt(data, path);
  const stored = typeof value === 'string' ? value : undefined;
  const [text, setText] = useState(() => dateTextOfIso(stored));
  const [typedError, setTypedError] = useState<string | undefined>();
  const [lastStored, setLastStored] = useState(stored);
  if (stored !== lastStored) {
    setLastStored(stored);
    const typed = isoOfDateText(text);
    if (typed.kind !== 'date' || typed.iso !== stored) setText(dateTextOfIso(stored));
  }
  return (
    <Input
      label={label}
      hintText={hint ? <>{hint}. Format attendu : JJ/MM/AAAA</> : 'Format attendu : JJ/MM/AAAA'}
      {...stateOf(typedError ?? errorOf(path))}
      nativeInputProps={{
        id: fieldId(path),
        type: 'text',
        inputMode: 'numeric',
        autoComplete: 'off',
        placeholder: 'JJ/MM/AAAA',
        value: text,
        readOnly,
        onBlur: () => {
          const typed = isoOfDateText(text);
          if (typed.kind === 'invalid') setTypedError(typed.message);
          touch(path);
        },
        onChange: (event) => {
          setText(event.target.value);
          const typed = isoOfDateText(event.target.value);
          if (typed.kind === 'invalid') {
            // Shown at once only when the date is complete: no red while the person is still typing.
            setTypedError(event.target.value.trim().length >= 8 ? typed.message : undefined);
            return;
          }
          setTypedError(undefined);
          update(path, typed.kind === 'date' ? typed.iso : undefined);
        },
      }}
    />
  );
}

/** Integer input; a non-number stays in the draft so its error is shown, never silently dropped. */
export function NumberField({ path, label, hint, min, max }: Common & { min?: number; max?: number }) {
  const { data, update, errorOf, touch, readOnly } = useFields<object>();
  const value = getAt(data, path);
  return (
    <Input
      label={label}
      hintText={hint}
      {...stateOf(errorOf(path))}
      nativeInputProps={{
        id: fieldId(path),
        type: 'number',
        inputMode: 'numeric',
        min,
        max,
        value: typeof value === 'number' ? String(value) : '',
        readOnly,
        onBlur: () => touch(path),
        onChange: (event) => {
          const text = event.target.value;
          update(path, text === '' ? undefined : Number(text));
        },
      }}
    />
  );
}

export function MoneyField({ path, label, hint }: Common) {
  const { data, update, errorOf, touch, readOnly } = useFields<object>();
  const money = getAt(data, path) as Money | undefined;
  return (
    <Input
      label={label}
      hintText={hint ?? 'En euros'}
      {...stateOf(errorOf(path) ?? errorOf(`${path}.amountCents`))}
      nativeInputProps={{
        id: fieldId(path),
        type: 'number',
        inputMode: 'decimal',
        min: 0,
        step: 10,
        value: moneyToEuroInput(money),
        readOnly,
        onBlur: () => touch(path),
        onChange: (event) => update(path, euroInputToMoney(event.target.value)),
      }}
    />
  );
}

export function SelectField<T extends string>({
  path,
  label,
  hint,
  options,
  placeholder = 'Choisir',
}: Common & { options: Option<T>[]; placeholder?: string }) {
  const { data, update, errorOf, touch, readOnly } = useFields<object>();
  const value = getAt(data, path);
  return (
    <Select
      label={label}
      hint={hint}
      {...stateOf(errorOf(path))}
      disabled={readOnly}
      nativeSelectProps={{
        id: fieldId(path),
        value: typeof value === 'string' ? value : '',
        onBlur: () => touch(path),
        onChange: (event) => update(path, event.target.value === '' ? undefined : event.target.value),
      }}
    >
      <option value="">{placeholder}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}

/** A yes/no question: radio buttons, so "not answered yet" stays distinct from "no". */
export function YesNoField({ path, label, hint }: Common) {
  const { data, update, errorOf, readOnly } = useFields<object>();
  const value = getAt(data, path);
  const name = fieldId(path);
  return (
    <RadioButtons
      id={name}
      legend={label}
      hintText={hint}
      name={name}
      orientation="horizontal"
      disabled={readOnly}
      {...stateOf(errorOf(path))}
      options={[
        { label: 'Oui', nativeInputProps: { checked: value === true, onChange: () => update(path, true) } },
        { label: 'Non', nativeInputProps: { checked: value === false, onChange: () => update(path, false) } },
      ]}
    />
  );
}

export function MultiCheckField<T extends string>({ path, label, hint, options }: Common & { options: Option<T>[] }) {
  const { data, update, errorOf, readOnly } = useFields<object>();
  const raw = getAt(data, path);
  const chosen = Array.isArray(raw) ? (raw as T[]) : [];
  const toggle = (value: T, on: boolean) => {
    const next = on ? [...chosen, value] : chosen.filter((item) => item !== value);
    update(path, next.length ? next : undefined);
  };
  return (
    <Checkbox
      id={fieldId(path)}
      legend={label}
      hintText={hint}
      disabled={readOnly}
      {...stateOf(errorOf(path))}
      options={options.map((option) => ({
        label: option.label,
        nativeInputProps: {
          checked: chosen.includes(option.value),
          onChange: (event) => toggle(option.value, event.target.checked),
        },
      }))}
    />
  );
}

/** A need (premises, housing, spouse's job) is present in the draft only when asked for. */
export function NeedToggle({ path, label, children }: Common & { children: ReactNode }) {
  const { data, update, readOnly } = useFields<object>();
  const present = getAt(data, path) !== undefined;
  return (
    <>
      <Checkbox
        id={fieldId(path)}
        disabled={readOnly}
        options={[
          {
            label,
            nativeInputProps: { checked: present, onChange: (event) => update(path, event.target.checked ? {} : undefined) },
          },
        ]}
      />
      {present && children}
    </>
  );
}
