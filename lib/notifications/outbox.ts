import { z } from 'zod';
import type { Db, Tx } from '../db/client';
import { enqueueMany } from '../jobs/queue';
import type { OutgoingMail } from '../mail/send';

/*
 * Mail that reports a change is written to the outbox in the same transaction
 * as the change, with one `mail.deliver` job per mail, so a crash can neither
 * send a notice for a change that was rolled back nor lose the notice of one
 * that was committed. Workers deliver it; a failure is retried by the queue
 * with growing delays (1, 2, 4 … minutes, at most 6 hours) and staff see what
 * is still waiting. Citizens' mail (lib/alerts) goes through a queue of its
 * own, so that a publication's thousands of alerts never hold back a mayor's
 * sign-in link, and is deleted once sent: the outbox keeps no citizen's address.
 */

/** Mail to citizens: the alerts, their weekly summaries, the confirmation of a request. */
const CITIZEN_KINDS = new Set(['alert', 'alert-digest', 'alert-confirm']);

/** The queue a kind of mail is delivered from. */
export function deliveryJob(kind: string): 'mail.deliver' | 'alerts.deliver' {
  return CITIZEN_KINDS.has(kind) ? 'alerts.deliver' : 'mail.deliver';
}

/** What else a citizen's alert is tied to: deleted with its subscription, and while unsent with its message's withdrawal. */
export interface MailLinks {
  alertSubscriptionId?: string;
  videoId?: string;
}

export async function enqueueMail(tx: Tx | Db, kind: string, mail: OutgoingMail, sourceEventId?: bigint): Promise<void> {
  await enqueueMails(tx, kind, [mail], sourceEventId);
}

/**
 * Several mails of one kind in one statement (e.g. the invitations of a CSV
 * file). Mails caused by a domain event name it: a subscriber that runs again
 * after a crash writes none twice.
 */
export async function enqueueMails(tx: Tx | Db, kind: string, mails: ReadonlyArray<OutgoingMail & MailLinks>, sourceEventId?: bigint): Promise<void> {
  const rows = await tx.mailOutbox.createManyAndReturn({
    data: mails.map((mail) => ({
      recipient: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers ?? undefined,
      kind,
      sourceEventId: sourceEventId ?? null,
      alertSubscriptionId: mail.alertSubscriptionId ?? null,
      videoId: mail.videoId ?? null,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  await enqueueMany(
    tx,
    deliveryJob(kind),
    rows.map((row) => ({ outboxId: row.id.toString() })),
  );
}

/** Mail whose text is a credential (a sign-in link): emptied once sent. */
const SECRET_KINDS = new Set(['signin']);
/** How long a citizen's mail that could not be delivered is kept trying: then it is deleted, address and all (the privacy notice says so). */
export const CITIZEN_MAIL_DAYS = 4;

const mailHeaders = z.record(z.string().regex(/^List-Unsubscribe(-Post)?$/), z.string().max(2000));

/**
 * Sends one mail of the outbox unless it was sent already, or deleted meanwhile
 * (its citizen unsubscribed, its message was withdrawn); a failure is recorded
 * for staff and thrown for the queue to retry.
 */
export async function deliverMail(db: Db, send: (mail: OutgoingMail) => Promise<void>, outboxId: bigint): Promise<'sent' | 'already' | 'gone'> {
  const [mail] = await db.mailOutbox.updateManyAndReturn({
    where: { id: outboxId },
    data: { attempts: { increment: 1 } },
    select: { kind: true, recipient: true, subject: true, text: true, html: true, headers: true, sentAt: true },
  });
  if (!mail) return 'gone';
  if (mail.sentAt) return 'already';
  try {
    const headers = mail.headers === null ? undefined : mailHeaders.parse(mail.headers);
    await send({ to: mail.recipient, subject: mail.subject, text: mail.text, html: mail.html ?? '', ...(headers ? { headers } : {}) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.mailOutbox.updateMany({ where: { id: outboxId }, data: { lastError: message.slice(0, 500) } });
    throw error;
  }
  // A citizen's mail, once sent, is nobody's business: its address and its links go with it.
  if (CITIZEN_KINDS.has(mail.kind)) {
    await db.mailOutbox.deleteMany({ where: { id: outboxId } });
    return 'sent';
  }
  // A sent sign-in link is nobody's business any more: the copy in the database would let its reader sign in.
  const forget = SECRET_KINDS.has(mail.kind) ? { text: '', html: null } : {};
  await db.mailOutbox.updateMany({ where: { id: outboxId }, data: { sentAt: new Date(), lastError: null, ...forget } });
  return 'sent';
}

/** What staff see: mail whose delivery has failed and waits for another try, with the last error (mail merely queued is not news). */
export function undeliveredMail(db: Db, take = 50) {
  return db.mailOutbox.findMany({
    where: { sentAt: null, lastError: { not: null } },
    orderBy: { id: 'asc' },
    take,
    select: { id: true, recipient: true, subject: true, kind: true, attempts: true, lastError: true, createdAt: true },
  });
}

/** Citizens' mail that could not be delivered in CITIZEN_MAIL_DAYS (a mistyped address, a mailbox gone): deleted with the address. */
export async function purgeUndeliveredCitizenMail(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.mailOutbox.deleteMany({
    where: { kind: { in: [...CITIZEN_KINDS] }, createdAt: { lt: new Date(now.getTime() - CITIZEN_MAIL_DAYS * 24 * 3600_000) } },
  });
  return count;
}
