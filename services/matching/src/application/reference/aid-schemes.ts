import { fieldErrorsFromValidationErrors, validateAidScheme, type Actor, type AidFunder, type AidScheme, type AidSchemeChanged, type TerritoryCriterion } from '@guichet/contracts';
import type { CommuneDirectory } from '../../read-model/index.js';
import { coversArea, isAdmin, owns, type Caller } from '../caller.js';
import { outbound } from '../outbound.js';
import type { AidSchemeStore, Runtime } from '../ports.js';
import type { ReferenceData } from '../reference-data.js';
import { fail, invalid, ok, type Result } from '../result.js';

export interface AidSchemeDeps {
  readonly aidSchemes: AidSchemeStore;
  readonly reference: ReferenceData;
  readonly communes: CommuneDirectory;
  readonly runtime: Runtime;
}

const LOCAL_FUNDERS: ReadonlySet<AidFunder> = new Set(['commune', 'intercommunalite', 'departement', 'region']);

const NOT_OWNER = "Ce dispositif a été créé par une autre organisation : seule celle-ci (ou un administrateur) peut en publier une nouvelle version.";
const NO_ORGANISATION = "Votre compte n'est rattaché à aucune organisation : il ne peut pas publier d'aide. Demandez à l'administrateur du guichet de l'y rattacher.";

/** The scheme as sent, owned by `organisation` whatever the body says (the token decides, not the caller). */
function ownedBy(body: AidScheme, version: number, organisation: string | undefined): AidScheme {
  const { publisherOrganisation: _claimed, ...content } = body;
  return { ...content, version, ...(organisation === undefined ? {} : { publisherOrganisation: organisation }) };
}

/** Version 1 of a new scheme, owned by the caller's organisation; a local authority adds only schemes it funds, limited to its territory. */
export async function createAidScheme(deps: AidSchemeDeps, caller: Caller, body: unknown): Promise<Result<AidScheme>> {
  const checked = validateAidScheme(body);
  if (!checked.ok) return invalid(fieldErrorsFromValidationErrors(checked.errors));
  if (!isAdmin(caller) && caller.organisation === undefined) return fail({ kind: 'not-owner', detail: NO_ORGANISATION });
  const scheme = ownedBy(checked.value, 1, caller.organisation);
  const refused = checkAuthority(deps.communes, caller, scheme);
  if (refused) return refused;
  const now = deps.runtime.now().toISOString();
  const event = changedEvent(deps.runtime, scheme, 'created', now, caller);
  if ((await deps.aidSchemes.insert(scheme, caller.id, [event])) === 'exists') {
    return fail({ kind: 'conflict', slug: 'dispositif-existant', detail: `Un dispositif porte déjà l'identifiant « ${scheme.id} » : publiez une nouvelle version de celui-ci, ou choisissez un autre identifiant.` });
  }
  deps.reference.applyScheme(scheme);
  return ok(scheme);
}

/**
 * A new version of a scheme, given the version the caller read, by the organisation that created
 * it (or an administrator); it stays that organisation's. A version whose window closed before
 * today retires the scheme for new contracts; otherwise it is an update.
 */
export async function versionAidScheme(deps: AidSchemeDeps, caller: Caller, schemeId: string, expectedVersion: number, body: unknown): Promise<Result<AidScheme>> {
  const checked = validateAidScheme(body);
  if (!checked.ok) return invalid(fieldErrorsFromValidationErrors(checked.errors));
  if (checked.value.id !== schemeId) return invalid([{ field: 'id', detail: `identifiant attendu : ${schemeId} (celui de l'adresse)` }]);
  const current = await deps.aidSchemes.get(schemeId);
  if (!current) return fail({ kind: 'not-found', detail: `Aucun dispositif « ${schemeId} ».` });
  if (!owns(caller, current.scheme.publisherOrganisation)) return fail({ kind: 'not-owner', detail: NOT_OWNER });
  const scheme = ownedBy(checked.value, current.scheme.version + 1, current.scheme.publisherOrganisation);
  const refused = checkAuthority(deps.communes, caller, current.scheme) ?? checkAuthority(deps.communes, caller, scheme);
  if (refused) return refused;
  if (current.scheme.version !== expectedVersion) return versionConflict(current.scheme.version);
  const now = deps.runtime.now().toISOString();
  const change = scheme.validUntil !== null && scheme.validUntil < now.slice(0, 10) ? 'retired' : 'updated';
  if (!(await deps.aidSchemes.appendVersion(scheme, expectedVersion, [changedEvent(deps.runtime, scheme, change, now, caller)]))) {
    return versionConflict((await deps.aidSchemes.get(schemeId))?.scheme.version ?? expectedVersion);
  }
  deps.reference.applyScheme(scheme);
  return ok(scheme);
}

export function changedEvent(runtime: Runtime, scheme: AidScheme, change: AidSchemeChanged['change'], now: string, caller?: Caller) {
  const actor: Actor | undefined = caller ? { kind: isAdmin(caller) ? 'admin' : 'collectivite', id: caller.id } : undefined;
  return outbound(
    'fr.sante.guichet.catalogue.aid-scheme-changed.v1',
    { schemeId: scheme.id, version: scheme.version, change, changedAt: now, ...(actor ? { actor } : { actor: { kind: 'system' } }), scheme },
    { id: runtime.newId(), time: now },
  );
}

function checkAuthority(communes: CommuneDirectory, caller: Caller, scheme: AidScheme): Result<never> | undefined {
  if (isAdmin(caller)) return undefined;
  if (!LOCAL_FUNDERS.has(scheme.funder)) {
    return invalid([{ field: 'funder', detail: "une collectivité ne gère que les aides qu'elle finance : commune, intercommunalité, département ou région" }]);
  }
  const territories = scheme.criteria.filter((c): c is TerritoryCriterion => c.kind === 'territory');
  if (territories.length === 0) return invalid([{ field: 'criteria', detail: 'critère de territoire obligatoire : les communes, départements ou régions où l’aide s’applique' }]);
  if (!territories.every((territory) => withinCaller(communes, caller, territory))) {
    return fail({ kind: 'out-of-territory', detail: "Ce dispositif s'applique hors de votre territoire : une collectivité ne gère que les aides de son territoire." });
  }
  return undefined;
}

/** Every place of a territory criterion, not only the first, must be the caller's to write. */
function withinCaller(communes: CommuneDirectory, caller: Caller, territory: TerritoryCriterion): boolean {
  return (territory.communes ?? []).every((insee) => communes.get(insee) !== undefined) && coversArea(caller, territory);
}

function versionConflict(currentVersion: number): Result<never> {
  return fail({ kind: 'version-conflict', currentVersion, detail: `Le dispositif a changé entre-temps (version actuelle : ${currentVersion}) ; rechargez-le puis réessayez.` });
}
