import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { findBreakingChanges } from '../scripts/lib/compat.js';
import { contractsDir } from './schema-files.js';

type Json = { [key: string]: any };

function copyOfContracts(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'contracts-compat-'));
  for (const sub of ['schemas', 'openapi']) cpSync(path.join(contractsDir, sub), path.join(dir, sub), { recursive: true });
  cpSync(path.join(contractsDir, 'asyncapi.yaml'), path.join(dir, 'asyncapi.yaml'));
  return dir;
}

function editJson(dir: string, file: string, edit: (doc: Json) => void): void {
  const target = path.join(dir, 'schemas', file);
  const doc = JSON.parse(readFileSync(target, 'utf8')) as Json;
  edit(doc);
  writeFileSync(target, JSON.stringify(doc, null, 2));
}

function editYaml(dir: string, file: string, edit: (doc: Json) => void): void {
  const target = path.join(dir, file);
  const doc = parse(readFileSync(target, 'utf8')) as Json;
  edit(doc);
  writeFileSync(target, stringify(doc));
}

describe('compatibility check', () => {
  const baseline = copyOfContracts();

  it('finds nothing between identical contracts', () => {
    expect(findBreakingChanges(baseline, contractsDir)).toEqual([]);
  });

  it('accepts compatible changes: optional field, wider enum, new event type, new route', () => {
    const next = copyOfContracts();
    editJson(next, 'case.json', (doc) => {
      doc.$defs.commentCreate.properties.visibility = { type: 'string', enum: ['internal'], maxLength: 20 };
    });
    editJson(next, 'common.json', (doc) => {
      doc.$defs.practiceMode.enum.push('teleconsultation');
      doc.$defs.shortText.maxLength = 300;
    });
    editYaml(next, 'asyncapi.yaml', (doc) => {
      doc.components.messages.requestReopened = { ...doc.components.messages.requestWithdrawn, name: 'fr.sante.guichet.intake.request-reopened.v1' };
      doc.channels.intakeRequests.messages.requestReopened = { $ref: '#/components/messages/requestReopened' };
    });
    editYaml(next, 'openapi/intake.yaml', (doc) => {
      doc.paths['/v1/requests/{requestId}/reopen'] = { post: { ...doc.paths['/v1/requests/{requestId}/withdraw'].post, operationId: 'reopenRequest' } };
    });
    expect(findBreakingChanges(baseline, next)).toEqual([]);
  });

  it('reports each breaking change: removed field, narrowed enum, new required field, removed event type, removed route', () => {
    const next = copyOfContracts();
    editJson(next, 'installation-request.json', (doc) => {
      delete doc.$defs.draft.properties.notes;
      delete doc.$defs.complete.properties.notes;
    });
    editJson(next, 'common.json', (doc) => {
      doc.$defs.sector.enum = ['1', '2-optam', '2'];
    });
    editJson(next, 'case.json', (doc) => {
      doc.$defs.withdrawal.required = ['reason'];
    });
    editJson(next, 'events-intake.json', (doc) => {
      doc.$defs.requestErased.properties.requestId.type = 'integer';
    });
    editYaml(next, 'asyncapi.yaml', (doc) => {
      delete doc.channels.intakeRequests.messages.requestErased;
    });
    editYaml(next, 'openapi/intake.yaml', (doc) => {
      delete doc.paths['/v1/me/export'];
    });
    const changes = findBreakingChanges(baseline, next).map((c) => `${c.where} : ${c.change}`);
    expect(changes).toEqual(
      expect.arrayContaining([
        'schemas/installation-request.json#/$defs/draft : champ supprimé : notes',
        'schemas/common.json#/$defs/sector : valeurs retirées de l\'enum : "3"',
        'schemas/case.json#/$defs/withdrawal : nouveau champ obligatoire : reason',
        'schemas/events-intake.json#/$defs/requestErased.requestId : type restreint : "string" -> "integer"',
        "asyncapi.yaml intake.requests.v1 : type d'événement supprimé : fr.sante.guichet.intake.request-erased.v1",
        'openapi/intake.yaml GET /v1/me/export : route supprimée',
      ]),
    );
  });

  it('reports a narrowed limit and a new required query parameter', () => {
    const next = copyOfContracts();
    editJson(next, 'common.json', (doc) => {
      doc.$defs.longText.maxLength = 1000;
    });
    editYaml(next, 'openapi/matching.yaml', (doc) => {
      doc.paths['/v1/offers'].get.parameters.push({ name: 'region', in: 'query', required: true, schema: { type: 'string', maxLength: 2 } });
    });
    const changes = findBreakingChanges(baseline, next).map((c) => `${c.where} : ${c.change}`);
    expect(changes).toEqual(
      expect.arrayContaining([
        'schemas/common.json#/$defs/longText : maxLength réduit : 4000 -> 1000',
        'openapi/matching.yaml GET /v1/offers : nouveau paramètre obligatoire : query region',
      ]),
    );
  });
});
