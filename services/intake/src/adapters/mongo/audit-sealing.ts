import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Actor } from '@guichet/contracts';
import type { AuditRecord, FieldChange } from '../../domain/index.js';

/**
 * An audit entry as stored. Who, what and when stay in clear; the reason and the before/after
 * values (personal data) are sealed with the case's key, so erasing the key erases them while
 * the trail itself is never rewritten.
 */
export interface SealedAudit {
  _id: string;
  caseId: string;
  version: number;
  at: string;
  actor: Actor;
  /** An agent's name stays in clear with who acted: staff names are not the candidate's data. */
  actorName?: string;
  action: AuditRecord['action'];
  sealed?: { iv: string; tag: string; data: string };
}

interface SealedDetails {
  reason?: string;
  changes: FieldChange[];
}

export const newAuditKey = (): string => randomBytes(32).toString('base64');

export function seal(record: AuditRecord, key: string | undefined): SealedAudit {
  const entry: SealedAudit = {
    _id: record.id,
    caseId: record.caseId,
    version: record.version,
    at: record.at,
    actor: record.actor,
    ...(record.actorName === undefined ? {} : { actorName: record.actorName }),
    action: record.action,
  };
  const details: SealedDetails = { changes: record.changes, ...(record.reason === undefined ? {} : { reason: record.reason }) };
  if (key === undefined || (details.changes.length === 0 && details.reason === undefined)) return entry;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
  return { ...entry, sealed: { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') } };
}

export function unseal(entry: SealedAudit, key: string | undefined): AuditRecord {
  const record: AuditRecord = {
    id: entry._id,
    caseId: entry.caseId,
    version: entry.version,
    at: entry.at,
    actor: entry.actor,
    ...(entry.actorName === undefined ? {} : { actorName: entry.actorName }),
    action: entry.action,
    changes: [],
  };
  if (entry.sealed === undefined || key === undefined) return record;
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key, 'base64'), Buffer.from(entry.sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(entry.sealed.tag, 'base64'));
  const clear = Buffer.concat([decipher.update(Buffer.from(entry.sealed.data, 'base64')), decipher.final()]).toString('utf8');
  const details = JSON.parse(clear) as SealedDetails;
  return { ...record, changes: details.changes, ...(details.reason === undefined ? {} : { reason: details.reason }) };
}
