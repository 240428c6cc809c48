import type { RequestHandler } from 'express';
import type { AuditTrailReader, IdempotencyStore, CommandDeps } from '../../application/index.js';
import type { PlaceNames } from '../../domain/index.js';

export interface IntakeHttpDeps {
  commands: CommandDeps;
  audit: AuditTrailReader;
  idempotency: IdempotencyStore;
  names: PlaceNames;
}

/** Authentication then role check, per group of routes. */
export interface RouteGuards {
  candidate: RequestHandler[];
  caseworker: RequestHandler[];
  auditor: RequestHandler[];
}
