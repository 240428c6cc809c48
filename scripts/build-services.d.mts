export declare const serviceNames: readonly string[];
export declare function buildServices(options?: { outdir?: string; services?: readonly string[] }): Promise<string[]>;
