import type { DataKeyVault } from '@guichet/platform';
import type { RequestHandler } from 'express';
import type { AuditTrailReader, IdempotencyStore, CommandDeps } from '../../application/index.js';

export interface IntakeHttpDeps {
  commands: CommandDeps;
  audit: AuditTrailReader;
  idempotency: IdempotencyStore;
  /** Case keys that seal the published events; the erasure destroys them. */
  dataKeys: Pick<DataKeyVault, 'destroy'>;
}

/** Authentication then role check, per group of routes. */
export interface RouteGuards {
  candidate: RequestHandler[];
  caseworker: RequestHandler[];
  auditor: RequestHandler[];
}
