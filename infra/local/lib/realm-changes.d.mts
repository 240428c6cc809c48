type Realm = Record<string, unknown> & { clients?: Array<Record<string, unknown>>; users?: Array<Record<string, unknown>> };
export declare function realmAdditions(before: Realm, after: Realm): { clients: Array<Record<string, unknown>>; users: Array<Record<string, unknown>> } | undefined;
