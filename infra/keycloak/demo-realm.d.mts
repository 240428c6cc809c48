export declare const productionRealmFile: string;
export declare const demoImportFile: string;
export declare function demoEnvironment(): Record<string, string>;
export declare function resolvePlaceholders<T>(value: T, environment: Readonly<Record<string, string>>): T;
export declare function demoRealm(options?: { resolved?: boolean }): Record<string, unknown>;
