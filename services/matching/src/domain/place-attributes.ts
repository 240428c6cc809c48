import type { IsoDate, SpecialZone } from '@guichet/contracts';

/** Classifications of a place that aid rules read, besides the ARS zoning (ZIP/ZAC). */
export type PlaceAttributeKind = Exclude<SpecialZone, 'cfe-commune'>;

export interface AttributeSource {
  /** The document, by name or file name in the sources the catalogue cites. */
  readonly document: string;
  readonly lines?: string;
  readonly url?: string;
}

/**
 * One classification of a place over the dates its source vouches for (both ends inclusive; null:
 * open). `value` false is a classification known to be absent, which a source must say too.
 */
export interface DatedPlaceAttribute {
  readonly kind: PlaceAttributeKind;
  readonly value: boolean;
  readonly validFrom: IsoDate | null;
  readonly validUntil: IsoDate | null;
  readonly source: AttributeSource;
}

/** A row of the reference table: a classification for whole départements or for listed communes. */
export interface PlaceAttributeRow extends DatedPlaceAttribute {
  readonly departements?: readonly string[];
  readonly communes?: readonly string[];
}

export interface PlaceAttributeTable {
  /** Day the table was last checked against its sources. */
  readonly checkedOn: IsoDate;
  readonly rows: readonly PlaceAttributeRow[];
}

export const EMPTY_PLACE_ATTRIBUTES: PlaceAttributeTable = { checkedOn: '1970-01-01', rows: [] };

/** The rows that concern one commune, without their territory, those naming the commune first. */
export function attributesOf(table: PlaceAttributeTable, commune: { readonly insee: string; readonly departement: string }): DatedPlaceAttribute[] {
  const named = (row: PlaceAttributeRow) => row.communes?.includes(commune.insee) ?? false;
  const inDepartement = (row: PlaceAttributeRow) => !named(row) && (row.departements?.includes(commune.departement) ?? false);
  return [...table.rows.filter(named), ...table.rows.filter(inDepartement)].map(({ kind, value, validFrom, validUntil, source }) => ({ kind, value, validFrom, validUntil, source }));
}

/**
 * The classification of a place at a date, or undefined when no source covers that date: the
 * caller then says « à préciser » and where to check, never « not eligible ». A commune row wins
 * over a département row of the same date (it is the more precise source).
 */
export function attributeAt(attributes: readonly DatedPlaceAttribute[] | undefined, kind: PlaceAttributeKind, date: IsoDate): DatedPlaceAttribute | undefined {
  return (attributes ?? []).find((a) => a.kind === kind && (a.validFrom === null || a.validFrom <= date) && (a.validUntil === null || date <= a.validUntil));
}

/** What to check and where, for a classification the guichet does not hold at that date. */
export const WHERE_TO_CHECK: Readonly<Record<PlaceAttributeKind, string>> = {
  zrr:
    "vérifiez le classement de la commune en zone de revitalisation rurale (ZRR, remplacée par France Ruralités Revitalisation, FRR, depuis le 1er juillet 2024) à la date qui compte : arrêté de classement publié au Journal officiel, ou service des impôts des entreprises (SIE) de la commune pour une exonération fiscale",
  zfu: "vérifiez si l'adresse du cabinet est dans une zone franche urbaine (ZFU - territoire entrepreneur) : carte des quartiers de la politique de la ville et des ZFU (sig.ville.gouv.fr), ou service des impôts des entreprises (SIE)",
  'isolated-mountain':
    "vérifiez que la commune est en zone de montagne et à plus de 30 minutes d'un service d'urgence, avec une forte activité saisonnière : l'ARS, qui signe le contrat PIAS, le confirme",
};
