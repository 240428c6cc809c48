import type { CaseEvent } from './case-projection.js';

/** The status changes a candidate is told about by e-mail. */
export type EmailKind = 'submitted' | 'information-requested' | 'proposals-ready' | 'better-proposal' | 'reservation-confirmed' | 'reservation-rejected' | 'installed';

export type EmailTrigger =
  | { kind: 'submitted'; submittedAt: string }
  | { kind: 'information-requested'; question?: string; dueDate?: string }
  | { kind: 'proposals-ready' }
  | { kind: 'better-proposal'; rank: number }
  | { kind: 'reservation-confirmed' }
  | { kind: 'reservation-rejected'; reason: string }
  | { kind: 'installed' };

export interface Recipient {
  email: string;
  firstName: string;
  lastName: string;
}

export interface EmailContent {
  subject: string;
  text: string;
}

/** Which e-mail, if any, an event of the case calls for. */
export function emailTriggerOf(event: CaseEvent): EmailTrigger | undefined {
  switch (event.type) {
    case 'fr.sante.guichet.intake.request-submitted.v1':
      return { kind: 'submitted', submittedAt: event.data.submittedAt };
    case 'fr.sante.guichet.intake.request-status-changed.v1': {
      const { from, to, infoRequest } = event.data;
      if (to === 'awaiting_candidate') return { kind: 'information-requested', ...(infoRequest ? { question: infoRequest.question, dueDate: infoRequest.dueDate } : {}) };
      // Proposals recomputed while already available are not news worth a new e-mail.
      if (to === 'proposals_ready' && from !== 'proposals_ready') return { kind: 'proposals-ready' };
      if (to === 'installed') return { kind: 'installed' };
      return undefined;
    }
    // A re-matching found offers better than every earlier proposal (matching says so); a mere recomputation is no news.
    case 'fr.sante.guichet.matching.proposals-computed.v1':
      return event.data.improvement ? { kind: 'better-proposal', rank: event.data.improvement.rank } : undefined;
    case 'fr.sante.guichet.matching.reservation-confirmed.v1':
      return { kind: 'reservation-confirmed' };
    case 'fr.sante.guichet.matching.reservation-rejected.v1':
      return { kind: 'reservation-rejected', reason: event.data.reason };
    default:
      return undefined;
  }
}

/** Once the case is over, the desk no longer needs the candidate's address. */
export function endsCorrespondence(event: CaseEvent): boolean {
  if (event.type === 'fr.sante.guichet.intake.request-status-changed.v1') return ['installed', 'closed', 'withdrawn'].includes(event.data.to);
  return event.type === 'fr.sante.guichet.intake.request-withdrawn.v1' || event.type === 'fr.sante.guichet.intake.request-erased.v1';
}

const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** `2026-10-20` or an RFC 3339 instant → « 20 octobre 2026 ». */
export function frenchDate(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return longDate.format(date);
}

const reference = (requestId: string): string => requestId.slice(0, 8).toUpperCase();

/** The candidate's own follow-up page of this request in the portal (behind the candidate's login). */
export function followUpLink(portalUrl: string, requestId: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/candidat/demandes/${encodeURIComponent(requestId)}/suivi`;
}

const signature = ['', 'Le guichet unique d’installation des jeunes médecins', '(message automatique : merci de ne pas y répondre)'];

function body(recipient: Recipient, paragraphs: readonly string[], requestId: string, portalUrl: string): string {
  return [
    `Bonjour ${recipient.firstName} ${recipient.lastName},`,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    `Suivre votre demande (référence ${reference(requestId)}) : ${followUpLink(portalUrl, requestId)}`,
    ...signature,
  ].join('\n');
}

/** French e-mail for one trigger; only the candidate's own name and the desk's facts appear in it. */
export function renderEmail(trigger: EmailTrigger, recipient: Recipient, requestId: string, portalUrl: string): EmailContent {
  const write = (subject: string, paragraphs: readonly string[]): EmailContent => ({ subject, text: body(recipient, paragraphs, requestId, portalUrl) });
  switch (trigger.kind) {
    case 'submitted':
      return write('Votre demande d’installation a bien été déposée', [
        `Nous avons bien reçu votre demande d’installation le ${frenchDate(trigger.submittedAt)}.`,
        'Un référent du guichet va l’examiner ; nous vous écrirons à chaque étape importante.',
      ]);
    case 'information-requested':
      return write('Le guichet a besoin d’informations complémentaires', [
        'Pour poursuivre l’examen de votre demande, le guichet vous pose la question suivante :',
        `« ${trigger.question ?? 'consultez votre demande sur le portail pour connaître les informations attendues.'} »`,
        ...(trigger.dueDate ? [`Merci de répondre avant le ${frenchDate(trigger.dueDate)}.`] : []),
      ]);
    case 'proposals-ready':
      return write('Vos propositions d’installation sont prêtes', [
        'Le guichet a préparé des propositions adaptées à votre projet : local, logement, emploi pour votre conjoint et aides mobilisables.',
        'Chaque proposition explique pourquoi elle vous est faite ; vous pouvez en accepter une ou les refuser en indiquant pourquoi.',
      ]);
    case 'better-proposal':
      return write('Une meilleure proposition d’installation vous attend', [
        `De nouvelles offres ont été publiées : le guichet vous fait une proposition (n° ${trigger.rank}) meilleure que celles que vous aviez reçues.`,
        'Vos autres propositions restent consultables ; chacune explique pourquoi elle vous est faite.',
      ]);
    case 'reservation-confirmed':
      return write('Votre réservation est confirmée', [
        'Toutes les offres de l’ensemble que vous avez accepté sont réservées pour vous.',
        'Votre référent vous contactera pour les prochaines démarches (conventions, aides, installation).',
      ]);
    case 'reservation-rejected':
      return write('Votre réservation n’a pas pu aboutir', [
        'Une offre de l’ensemble que vous avez accepté n’était plus disponible :',
        `« ${trigger.reason} »`,
        'Les autres offres ont été libérées et de nouvelles propositions vous seront faites.',
      ]);
    case 'installed':
      return write('Félicitations pour votre installation', [
        'Le guichet a enregistré votre installation. Nous vous souhaitons une belle réussite dans votre exercice.',
        'Votre dossier est désormais clos ; le guichet ne conserve plus votre adresse électronique.',
      ]);
  }
}
