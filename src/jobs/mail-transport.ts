import nodemailer from 'nodemailer';
import type { Config } from '../config/config.ts';

/** One e-mail as it leaves the application. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** derived from the outbox job: a message sent again after a crash carries the same id */
  messageId: string;
}

/**
 * Where e-mail goes. `local`: into the database (mail_messages), in the transaction that marks the job done —
 * exactly once. `smtp`: to a mail server; the job is marked done after the server accepted it — at least once
 * (a crash between the two sends it again, with the same Message-ID).
 */
export type MailTransport = { kind: 'local'; from: string } | { kind: 'smtp'; from: string; send(mail: OutgoingMail): Promise<void>; close(): void };

/** Timeouts well inside the worker's lease on a job (LEASE_MS), so a hanging server cannot make it run twice. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createMailTransport(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): MailTransport {
  if (!config.smtpUrl) return { kind: 'local', from: config.mailFrom };
  const transporter = nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS });
  return {
    kind: 'smtp',
    from: config.mailFrom,
    async send(mail) {
      await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    close: () => transporter.close(),
  };
}

/** The Message-ID of a job's e-mail: the job id at the sender's domain. */
export function messageIdFor(jobId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'uniek-verslag.invalid';
  return `<${jobId}@${domain}>`;
}
