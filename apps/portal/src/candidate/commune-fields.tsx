import { Select } from '@codegouvfr/react-dsfr/Select';
import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { CommuneSearch } from '../territory/CommuneSearch.js';
import { useCommunes } from '../territory/communes.js';
import { fieldId, useFields } from '../ui/form/field-context.js';
import { getAt } from '../ui/form/paths.js';
import type { FieldPath } from '../ui/form/paths.js';

export function CommuneField({ path, label, hint }: { path: FieldPath; label: string; hint?: string }) {
  const { data, update, errorOf } = useFields();
  const value = getAt(data, path);
  return (
    <CommuneSearch
      id={fieldId(path)}
      label={label}
      hint={hint}
      value={typeof value === 'string' ? value : undefined}
      onChange={(insee) => update(path, insee)}
      error={errorOf(path)}
    />
  );
}

/** A list of communes: search adds one, each tag removes its commune. */
export function CommuneListField({ path, label, max }: { path: FieldPath; label: string; max: number }) {
  const { data, update, errorOf, readOnly } = useFields();
  const reference = useCommunes();
  const raw = getAt(data, path);
  const list = Array.isArray(raw) ? (raw as string[]) : [];
  const listErrors = list.map((_, index) => errorOf(`${path}[${index}]`)).filter(Boolean);
  return (
    <div className="fr-mb-3w">
      {!readOnly && list.length < max && (
        <CommuneSearch
          id={fieldId(path)}
          label={label}
          hint={`Nom ou code postal ; jusqu’à ${max} communes`}
          value={undefined}
          keepChoice={false}
          onChange={(insee) => insee && !list.includes(insee) && update(path, [...list, insee])}
          error={errorOf(path) ?? listErrors[0]}
        />
      )}
      {list.length > 0 && !reference && <p className="fr-text--sm">Chargement des noms des communes choisies…</p>}
      {list.length > 0 && reference && (
        <ul className="fr-tags-group" aria-label={`${label} : communes choisies`}>
          {list.map((insee) => (
            <li key={insee}>
              <Tag
                dismissible={!readOnly}
                nativeButtonProps={{
                  type: 'button',
                  'aria-label': `Retirer ${reference.label(insee)}`,
                  onClick: () => {
                    const next = list.filter((item) => item !== insee);
                    update(path, next.length ? next : undefined);
                  },
                }}
              >
                {reference.label(insee)}
              </Tag>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function DepartementListField({ path, label, max }: { path: FieldPath; label: string; max: number }) {
  const { data, update, errorOf, readOnly } = useFields();
  const reference = useCommunes();
  const raw = getAt(data, path);
  const list = Array.isArray(raw) ? (raw as string[]) : [];
  const codes = reference?.departementCodes ?? [];
  return (
    <div className="fr-mb-3w">
      {!readOnly && list.length < max && (
        <Select
          label={label}
          hint={`Jusqu’à ${max} départements`}
          state={errorOf(path) ? 'error' : 'default'}
          stateRelatedMessage={errorOf(path)}
          nativeSelectProps={{
            id: fieldId(path),
            value: '',
            onChange: (event) => {
              const code = event.target.value;
              if (code && !list.includes(code)) update(path, [...list, code]);
            },
          }}
        >
          <option value="">Ajouter un département</option>
          {codes.map((code) => (
            <option key={code} value={code}>
              {code} — {reference?.departementName(code)}
            </option>
          ))}
        </Select>
      )}
      {list.length > 0 && reference && (
        <ul className="fr-tags-group" aria-label={`${label} : départements choisis`}>
          {list.map((code) => (
            <li key={code}>
              <Tag
                dismissible={!readOnly}
                nativeButtonProps={{
                  type: 'button',
                  'aria-label': `Retirer ${reference.departementName(code)}`,
                  onClick: () => {
                    const next = list.filter((item) => item !== code);
                    update(path, next.length ? next : undefined);
                  },
                }}
              >
                {reference.departementName(code)} ({code})
              </Tag>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
