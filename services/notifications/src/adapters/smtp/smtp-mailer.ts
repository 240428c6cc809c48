import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer } from '../../application/ports.js';

/** Candidate e-mails through an SMTP relay; the Message-ID derives from the e-mail's own id. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly messageIdDomain: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send({ id, to, subject, text }: { id: string; to: string; subject: string; text: string }): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject, text, messageId: `<${id}@${this.messageIdDomain}>`, headers: { 'Auto-Submitted': 'auto-generated' } });
  }

  close(): void {
    this.transport.close();
  }
}
