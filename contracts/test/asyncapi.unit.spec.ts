import { describe, expect, it } from '@jest/globals';
import { Parser, fromFile } from '@asyncapi/parser';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { unresolvedRefs } from './refs.js';
import { contractsDir, schemasDir } from './schema-files.js';

const schemaBase = 'https://schemas.guichet-sante.example/';
const parser = new Parser({
  __unstable: {
    resolver: {
      resolvers: [
        {
          schema: 'https',
          order: 1,
          canRead: (uri) => uri.toString().startsWith(schemaBase),
          read: (uri) => readFileSync(path.join(schemasDir, uri.toString().slice(schemaBase.length).split('#')[0] ?? ''), 'utf8'),
        },
      ],
    },
  },
});

describe('asyncapi.yaml', () => {
  it('parses with the official AsyncAPI parser without error diagnostics', async () => {
    const { document, diagnostics } = await fromFile(parser, path.join(contractsDir, 'asyncapi.yaml')).parse();
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at ${d.path.join('/')}`)).toEqual([]);
    expect(document).toBeDefined();
    const addresses = document?.channels().all().map((c) => c.address()) ?? [];
    const expected = [
      'intake.requests.v1',
      'catalogue.offers.v1',
      'catalogue.reference.v1',
      'matching.proposals.v1',
      'audit.case-access.v1',
      'stakeholder.ars.v1',
      'stakeholder.cpam.v1',
      'stakeholder.ordre.v1',
      'stakeholder.collectivites.v1',
    ];
    const streams = ['ars', 'cpam', 'ordre', 'collectivites'].map((family) => `stakeholder.${family}.{territoire}.v1`);
    expect([...addresses].sort()).toEqual([...expected, ...expected.map((t) => `${t}.dlq`), ...streams].sort());
    // One stream per territory of the desk (Centre-Val de Loire): its région for the ARS, its départements for the others.
    const territories = (family: string) =>
      document?.channels().all().find((c) => c.address() === `stakeholder.${family}.{territoire}.v1`)?.parameters().get('territoire')?.json('enum');
    expect(territories('ars')).toEqual(['region-24']);
    for (const family of ['cpam', 'ordre', 'collectivites']) expect(territories(family)).toEqual(['18', '28', '36', '37', '41', '45'].map((code) => `departement-${code}`));
    for (const channel of document?.channels().all() ?? []) {
      const kafka = channel.bindings().get('kafka')?.value() as { partitions?: number; topicConfiguration?: Record<string, unknown> } | undefined;
      expect(kafka?.partitions).toBeGreaterThan(0);
      expect(kafka?.topicConfiguration?.['retention.ms']).toBeDefined();
      expect(channel.extensions().get('x-subscribers')).toBeDefined();
    }
    for (const message of document?.messages().all() ?? []) {
      if (message.name() === 'dead-letter') continue;
      expect(message.name()).toMatch(/^fr\.sante\.guichet\.[a-z.-]+\.v1$/);
      const headers = JSON.stringify(message.headers()?.json());
      for (const header of ['ce_id', 'ce_source', 'ce_type', 'ce_specversion', 'ce_time', 'ce_subject', 'content-type', 'traceparent']) {
        expect(headers).toContain(header);
      }
      expect(message.payload()?.json()).toBeDefined();
    }
  });

  it('has every $ref resolving, down to the schemas', () => {
    expect(unresolvedRefs(path.join(contractsDir, 'asyncapi.yaml'))).toEqual([]);
  });
});
