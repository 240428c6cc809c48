import { isEventType, topicOf } from '@guichet/contracts';

/** Intake's topic for each outbox event, refusing any event that does not belong there: it stays pending. */
export function intakeTopicOf(topic: string): (type: string) => string {
  return (type) => {
    if (!isEventType(type) || topicOf(type) !== 'intake.requests.v1') throw new Error(`type d’événement inattendu dans la boîte d’envoi : ${type}`);
    return topic;
  };
}
