import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';

/*
 * The one way the portal sends mail (sign-in links, invitations, later the
 * moderation notices). VC_SMTP_URL points at the real server; the launcher sets
 * it to its local catch-all server when none is configured (demo inbox).
 */

const env = z.object({
  VC_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'VC_SMTP_URL must be smtp://… or smtps://…')
    .optional(),
  VC_MAIL_FROM: z.string().min(3).default('VociComuni <no-reply@vocicomuni.invalid>'),
});

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

let transporter: Transporter | null = null;

export function mailConfigured(): boolean {
  return Boolean(process.env.VC_SMTP_URL);
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  const settings = env.parse(process.env);
  if (!settings.VC_SMTP_URL) throw new Error('No SMTP server configured (VC_SMTP_URL)');
  transporter ??= nodemailer.createTransport(settings.VC_SMTP_URL);
  await transporter.sendMail({ from: settings.VC_MAIL_FROM, ...mail });
}
