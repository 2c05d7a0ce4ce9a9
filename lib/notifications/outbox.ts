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
 * is still waiting.
 */

export async function enqueueMail(tx: Tx | Db, kind: string, mail: OutgoingMail, sourceEventId?: bigint): Promise<void> {
  await enqueueMails(tx, kind, [mail], sourceEventId);
}

/**
 * Several mails of one kind in one statement (e.g. the invitations of a CSV
 * file). Mails caused by a domain event name it: a subscriber that runs again
 * after a crash writes none twice.
 */
export async function enqueueMails(tx: Tx | Db, kind: string, mails: readonly OutgoingMail[], sourceEventId?: bigint): Promise<void> {
  const rows = await tx.mailOutbox.createManyAndReturn({
    data: mails.map((mail) => ({
      recipient: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers ?? undefined,
      kind,
      sourceEventId: sourceEventId ?? null,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  await enqueueMany(
    tx,
    'mail.deliver',
    rows.map((row) => ({ outboxId: row.id.toString() })),
  );
}

/** Mail whose text is a credential (a sign-in link, an alert's confirmation link): emptied once sent. */
const SECRET_KINDS = new Set(['signin', 'alert-confirm']);
/** Mail to an address nobody has confirmed yet (an alert's confirmation): the address is forgotten once sent, as the privacy notice says. */
const UNCONFIRMED_KINDS = new Set(['alert-confirm']);

const mailHeaders = z.record(z.string().regex(/^List-Unsubscribe(-Post)?$/), z.string().max(2000));

/** Sends one mail of the outbox unless it was sent already; a failure is recorded for staff and thrown for the queue to retry. */
export async function deliverMail(db: Db, send: (mail: OutgoingMail) => Promise<void>, outboxId: bigint): Promise<'sent' | 'already'> {
  const mail = await db.mailOutbox.update({
    where: { id: outboxId },
    data: { attempts: { increment: 1 } },
    select: { kind: true, recipient: true, subject: true, text: true, html: true, headers: true, sentAt: true },
  });
  if (mail.sentAt) return 'already';
  try {
    const headers = mail.headers === null ? undefined : mailHeaders.parse(mail.headers);
    await send({ to: mail.recipient, subject: mail.subject, text: mail.text, html: mail.html ?? '', ...(headers ? { headers } : {}) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.mailOutbox.update({ where: { id: outboxId }, data: { lastError: message.slice(0, 500) } });
    throw error;
  }
  // A sent sign-in link is nobody's business any more: the copy in the database would let its reader sign in.
  const forget = {
    ...(SECRET_KINDS.has(mail.kind) ? { text: '', html: null } : {}),
    ...(UNCONFIRMED_KINDS.has(mail.kind) ? { recipient: '' } : {}),
  };
  await db.mailOutbox.update({ where: { id: outboxId }, data: { sentAt: new Date(), lastError: null, ...forget } });
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
