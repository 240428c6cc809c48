import nodemailer, { type Transporter } from 'nodemailer';
import type { Counter, ServiceMetrics } from '@guichet/platform';
import type { Mailer } from '../../application/ports.js';

/**
 * Candidate e-mails through an SMTP relay; the Message-ID derives from the e-mail's own id. With
 * metrics, each attempt is counted as accepted by the relay (`sent`) or refused (`failed`).
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  private readonly outcomes: Counter<'outcome'> | undefined;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly messageIdDomain: string,
    metrics?: ServiceMetrics,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
    this.outcomes = metrics?.counter({ name: 'emails_total', help: 'Courriels aux candidats remis au relais SMTP (sent) ou refusés (failed), par tentative', labelNames: ['outcome'] as const });
  }

  async send({ id, to, subject, text }: { id: string; to: string; subject: string; text: string }): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.from, to, subject, text, messageId: `<${id}@${this.messageIdDomain}>`, headers: { 'Auto-Submitted': 'auto-generated' } });
    } catch (error) {
      this.outcomes?.inc({ outcome: 'failed' });
      throw error;
    }
    this.outcomes?.inc({ outcome: 'sent' });
  }

  close(): void {
    this.transport.close();
  }
}
