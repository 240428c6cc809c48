/** An e-mail as the recipient reads it in the demo mail server (Mailpit) through its HTTP API. */
export interface ReadMail {
  readonly id: string;
  readonly subject: string;
  readonly to: readonly string[];
  readonly text: string;
}

interface Address {
  readonly Address: string;
}
interface Summary {
  readonly ID: string;
}
interface Message {
  readonly ID: string;
  readonly Subject: string;
  readonly To: readonly Address[];
  readonly Cc: readonly Address[] | null;
  readonly Bcc: readonly Address[] | null;
  readonly Text: string;
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The mail server of the run's stack: MAIL_INBOX_URL (web inbox and API), MAIL_SMTP_URL (where services send). */
export function demoMailbox(env: NodeJS.ProcessEnv = process.env) {
  const inbox = env.MAIL_INBOX_URL;
  const smtpUrl = env.MAIL_SMTP_URL;
  if (!inbox || !smtpUrl) throw new Error('MAIL_INBOX_URL and MAIL_SMTP_URL are not set: start the stack with `node infra/local/stack.mjs up`');
  return {
    smtpUrl,
    /** Every e-mail received for this address, oldest first, with its plain-text body. */
    async mailsTo(address: string): Promise<ReadMail[]> {
      const query = new URLSearchParams({ query: `to:"${address}"`, limit: '50' });
      const found = await json<{ messages: readonly Summary[] }>(`${inbox}/api/v1/search?${query}`);
      const messages = await Promise.all(found.messages.map((summary) => json<Message>(`${inbox}/api/v1/message/${summary.ID}`)));
      return messages.reverse().map((m) => ({
        id: m.ID,
        subject: m.Subject,
        to: [...m.To, ...(m.Cc ?? []), ...(m.Bcc ?? [])].map((a) => a.Address),
        text: m.Text,
      }));
    },
  };
}
