import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config';

/*
 * The one way the portal sends mail (sign-in links, invitations, notices).
 * VC_SMTP_URL points at the real server; in demo mode the launcher points it at
 * its local catch-all server (demo inbox).
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers of a mailing (List-Unsubscribe, List-Unsubscribe-Post), by name. */
  headers?: Record<string, string>;
}

export type SendMail = (mail: OutgoingMail) => Promise<void>;

/** A sender for one mail server: the launcher makes its own, for the server it started itself. */
export function mailSender(settings: { smtpUrl: string; from: string }): SendMail {
  let transporter: Transporter | null = null;
  return async (mail) => {
    transporter ??= nodemailer.createTransport(settings.smtpUrl);
    await transporter.sendMail({ from: settings.from, ...mail });
  };
}

let configured: SendMail | null = null;

/** Sends through the configured mail server. */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const { smtpUrl, from } = config().mail;
  if (!smtpUrl) throw new Error('No SMTP server configured (VC_SMTP_URL)');
  configured ??= mailSender({ smtpUrl, from });
  await configured(mail);
}
