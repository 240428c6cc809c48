export declare const ROLE_LABELS: Readonly<Record<string, string>>;
export interface DemoAccount {
  readonly username: string;
  readonly role: string;
  readonly organisation: string | null;
  readonly territory: readonly string[];
}
export declare function demoAccounts(): DemoAccount[];
export declare function demoAccountLines(width?: number): string[];
