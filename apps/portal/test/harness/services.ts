import { randomUUID } from 'node:crypto';
import { topics } from '@guichet/contracts';
import { startService } from '../../../../tests/e2e/support/services.js';

export interface Services {
  intakeUrl: string;
  matchingUrl: string;
  stop(): Promise<void>;
}

/**
 * The real intake and matching for the journeys, started here on the local stack that jest's
 * global setup found, each with its own database, consumer groups and topics: a developer's
 * `npm start` or another test neither shares their state nor feeds them its history.
 */
export async function startServices(): Promise<Services> {
  const run = randomUUID().slice(0, 8);
  const prefix = `portal-${run}.`;
  const common = { LOG_LEVEL: 'info', TOPIC_PREFIX: prefix };
  // Matching creates the run's topics before intake subscribes to them.
  const matching = await startService('matching', { ...common, MONGODB_DB: `portal_${run}_matching`, CONSUMER_GROUP_PREFIX: `portal-${run}-matching` }, undefined, { logName: `portal-${run}-matching.log` });
  const intake = await startService(
    'intake',
    {
      ...common,
      MONGODB_DB: `portal_${run}_intake`,
      CONSUMER_GROUP: `portal-${run}-intake`,
      INTAKE_TOPIC: `${prefix}${topics.intakeRequests}`,
      MATCHING_TOPIC: `${prefix}${topics.matchingProposals}`,
    },
    undefined,
    { logName: `portal-${run}-intake.log` },
  ).catch(async (error: unknown) => {
    await matching.stop();
    throw error;
  });
  return {
    intakeUrl: intake.url,
    matchingUrl: matching.url,
    stop: async () => {
      await Promise.all([intake.stop(), matching.stop()]);
    },
  };
}
