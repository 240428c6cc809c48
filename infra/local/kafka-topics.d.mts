export interface AclEntry {
  readonly principal: string;
  readonly resourceType: string;
  readonly resourceName: string;
  readonly patternType: string;
  readonly operation: string;
}
export interface PresentAcl extends AclEntry {
  readonly host: string;
  readonly permissionType: number;
}
export declare function aclChanges<P extends PresentAcl, D extends AclEntry>(existing: readonly P[], declared: readonly D[], options: { prune: boolean; allow: number }): { stale: P[]; missing: D[] };
export declare function declaredAcls(environment: Readonly<Record<string, string | undefined>>): AclEntry[];
