import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@guichet/platform';
import { loadIntakeConfig } from './config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:19092', MONGODB_URI: 'mongodb://127.0.0.1:27117', KEYCLOAK_URL: 'http://127.0.0.1:18080' };

describe('intake configuration', () => {
  it('serves Centre-Val de Loire on port 3001 with the default targets unless told otherwise', () => {
    const config = loadIntakeConfig(base);
    expect(config).toMatchObject({ SERVICE_NAME: 'intake', PORT: 3001, MONGODB_DB: 'guichet_intake', DESK_REGIONS: ['24'], INTAKE_TOPIC: 'intake.requests.v1', MATCHING_TOPIC: 'matching.proposals.v1' });
    expect(config.STATUS_TARGET_DAYS.submitted).toBe(5);
  });

  it('takes the desk’s regions and per-status targets from the environment', () => {
    const config = loadIntakeConfig({ ...base, DESK_REGIONS: '24, 11', STATUS_TARGET_DAYS: 'submitted=2,under_review=20' });
    expect(config.DESK_REGIONS).toEqual(['24', '11']);
    expect(config.STATUS_TARGET_DAYS).toMatchObject({ submitted: 2, under_review: 20, awaiting_candidate: 15 });
  });

  it('reports every wrong variable in French at start', () => {
    expect(() => loadIntakeConfig({ ...base, DESK_REGIONS: '99', STATUS_TARGET_DAYS: 'lost=3' })).toThrow(ConfigError);
    try {
      loadIntakeConfig({ ...base, DESK_REGIONS: '99', STATUS_TARGET_DAYS: 'lost=3' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([expect.stringContaining('DESK_REGIONS'), expect.stringContaining('STATUS_TARGET_DAYS')]);
    }
  });
});
