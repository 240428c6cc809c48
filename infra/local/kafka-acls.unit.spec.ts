import { describe, expect, it } from '@jest/globals';
import { aclChanges, declaredAcls } from './kafka-topics.mjs';

const allow = 3;
const deny = 2;
const acl = (principal: string, resourceName: string, operation: string) => ({ principal: `User:${principal}`, resourceType: 'TOPIC', resourceName, patternType: 'LITERAL', operation });
const present = (entry: ReturnType<typeof acl>, permissionType = allow, host = '*') => ({ ...entry, host, permissionType });

// The broker holds the grants of a newer topics.json (intake reads the access topic); the step runs
// with an older one that does not declare them, and narrows matching's access to the requests.
const older = [acl('svc-intake', 'intake.requests.v1', 'WRITE'), acl('svc-matching', 'intake.requests.v1', 'READ')];
const onBroker = [
  present(acl('svc-intake', 'intake.requests.v1', 'WRITE')),
  present(acl('svc-intake', 'audit.case-access.v1', 'READ')),
  present(acl('svc-matching', 'intake.requests.v1', 'WRITE')),
  present(acl('svc-matching', 'intake.requests.v1', 'READ'), deny),
];

describe('the ACL step of the topics', () => {
  it('on a broker of its own, deletes what the file no longer declares and creates what is missing', () => {
    const { stale, missing } = aclChanges(onBroker, older, { prune: true, allow });
    expect(stale.map((entry) => `${entry.principal} ${entry.resourceName} ${entry.operation}`)).toEqual([
      'User:svc-intake audit.case-access.v1 READ',
      'User:svc-matching intake.requests.v1 WRITE',
      'User:svc-matching intake.requests.v1 READ',
    ]);
    expect(missing).toEqual([acl('svc-matching', 'intake.requests.v1', 'READ')]);
  });

  it("on a broker given to it, only adds: a newer file's grants stay", () => {
    const { stale, missing } = aclChanges(onBroker, older, { prune: false, allow });
    expect(stale).toEqual([]);
    expect(missing).toEqual([acl('svc-matching', 'intake.requests.v1', 'READ')]);
  });

  it('changes nothing when the broker holds exactly what is declared', () => {
    expect(aclChanges(older.map((entry) => present(entry)), older, { prune: true, allow })).toEqual({ stale: [], missing: [] });
  });

  it('lets a service delete the consumer groups under its prefix, and no partner', () => {
    const deletions = declaredAcls({ PARTNER_ARS_REGIONS: '24', PARTNER_CPAM_DEPARTEMENTS: '37', PARTNER_ORDRE_DEPARTEMENTS: '37', PARTNER_COLLECTIVITE_DEPARTEMENTS: '37' })
      .filter((entry) => entry.operation === 'DELETE')
      .map(({ principal, resourceType, resourceName, patternType }) => `${principal} ${resourceType} ${resourceName} ${patternType}`);
    expect(deletions).toEqual(['User:svc-intake GROUP intake PREFIXED', 'User:svc-matching GROUP matching PREFIXED', 'User:svc-notifications GROUP notifications PREFIXED']);
  });
});
