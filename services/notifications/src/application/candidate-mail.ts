import type { Logger } from '@guichet/platform';
import { emailTriggerOf, endsCorrespondence, renderEmail, type Recipient } from '../domain/candidate-emails.js';
import type { SourceEvent } from '../domain/case-projection.js';
import { nameBasedUuid } from '../domain/ids.js';
import type { Clock, EmailQueue, Mailer, MailboxStore } from './ports.js';

export interface CandidateMailDeps {
  mailboxes: MailboxStore;
  queue: EmailQueue;
  clock: Clock;
  portalUrl: string;
  onQueued?: () => void;
}

/**
 * Keeps the candidate's address while the case is open and queues the e-mail an event calls for.
 * The e-mail is recorded under an id derived from the event, before any sending: an event
 * delivered twice queues it once.
 */
export async function handleCaseEventForMail(deps: CandidateMailDeps, { id, event }: SourceEvent): Promise<void> {
  const requestId = event.data.requestId;
  let recipient: Recipient | undefined;
  if (event.type === 'fr.sante.guichet.intake.request-submitted.v1' || event.type === 'fr.sante.guichet.intake.request-updated.v1') {
    const { identity, contact } = event.data.request;
    recipient = { email: contact.email, firstName: identity.firstName, lastName: identity.lastName };
    await deps.mailboxes.setRecipient(requestId, id, recipient, event.type === 'fr.sante.guichet.intake.request-submitted.v1');
  }
  const trigger = emailTriggerOf(event);
  if (trigger) {
    recipient ??= await deps.mailboxes.recipient(requestId);
    if (recipient) {
      const { subject, text } = renderEmail(trigger, recipient, requestId, deps.portalUrl);
      await deps.queue.enqueue({ id: nameBasedUuid('email', id, trigger.kind), requestId, kind: trigger.kind, to: recipient.email, subject, text, attempts: 0 }, deps.clock.now());
      deps.onQueued?.();
    }
  }
  if (endsCorrespondence(event)) {
    await deps.mailboxes.setRecipient(requestId, id, undefined);
    if (event.type === 'fr.sante.guichet.intake.request-erased.v1') await deps.queue.cancel(requestId);
  }
}

export interface SendEmailsDeps {
  queue: EmailQueue;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
}

const MAX_ATTEMPTS = 8;
/**
 * How long a sender holds an e-mail it took: longer than the relay may take to answer (nodemailer
 * gives up on a silent connection after 10 minutes), so that only a stopped sender's e-mail is
 * taken over.
 */
const LEASE_MS = 15 * 60_000;

/**
 * Sends what is queued, each e-mail taken first so that one sender only, of any instance, sends
 * it; a relay that refuses is retried with backoff, then the e-mail is marked failed.
 */
export async function sendDueEmails(deps: SendEmailsDeps, limit = 20): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.queue.due(now, limit);
  // Taken at once, so that the takes of a pass are written together; each is then sent and settled in turn.
  const taken = await Promise.all(due.map((email) => deps.queue.take(email.id, now, new Date(now.getTime() + LEASE_MS))));
  for (const [index, email] of due.entries()) {
    if (!taken[index]) continue;
    try {
      await deps.mailer.send({ id: email.id, to: email.to, subject: email.subject, text: email.text });
      await deps.queue.markSent(email.id, deps.clock.now());
    } catch (error) {
      const attempts = email.attempts + 1;
      const retryAt = attempts < MAX_ATTEMPTS ? new Date(deps.clock.now().getTime() + 30_000 * 2 ** attempts) : undefined;
      await deps.queue.markFailed(email.id, attempts, retryAt);
      deps.logger.warn({ err: error, emailId: email.id, kind: email.kind, attempts }, retryAt ? 'envoi de courriel refusé, nouvel essai prévu' : 'envoi de courriel abandonné');
    }
  }
  return due.length;
}
