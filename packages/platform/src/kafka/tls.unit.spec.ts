import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { kafkaConnectionOptions, kafkaTls } from './sasl.js';

describe('TLS to the broker', () => {
  it('is off unless KAFKA_SSL=true', () => {
    expect(kafkaTls({})).toBeUndefined();
    expect(kafkaTls({ KAFKA_SSL: 'false' })).toBeUndefined();
    expect(kafkaConnectionOptions({}).ssl).toBeUndefined();
  });

  it('checks the broker against the system authorities, or the one given, never without checking', () => {
    expect(kafkaTls({ KAFKA_SSL: 'true' })).toEqual({ rejectUnauthorized: true });
    const file = join(mkdtempSync(join(tmpdir(), 'kafka-ca-')), 'ca.pem');
    writeFileSync(file, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(kafkaConnectionOptions({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: file }).ssl).toEqual({ rejectUnauthorized: true, ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] });
  });
});
