import type { Db, Tx } from '../db/client';
import type { OutgoingMail } from '../mail/send';

/*
 * Mail that reports a change is written to the outbox in the same transaction
 * as the change, so a crash can neither send a notice for a change that was
 * rolled back nor lose the notice of one that was committed. Delivery happens
 * afterwards, claimed row by row (several processes may deliver at once) and
 * retried with growing delays; staff see what is still waiting.
 */

export async function enqueueMail(tx: Tx | Db, kind: string, mail: OutgoingMail): Promise<void> {
  await enqueueMails(tx, kind, [mail]);
}

/** Several mails of one kind in one statement (e.g. the invitations of a CSV file). */
export async function enqueueMails(tx: Tx | Db, kind: string, mails: readonly OutgoingMail[]): Promise<void> {
  await tx.mailOutbox.createMany({ data: mails.map((mail) => ({ recipient: mail.to, subject: mail.subject, text: mail.text, html: mail.html, kind })) });
}

/** How long to wait before retry number `attempts` (1, 2, 4 … minutes, at most 6 hours). */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1) * 60_000, 6 * 3600_000);
}

const CLAIM_MS = 5 * 60_000;
/** Mail whose text is a credential (a sign-in link): emptied once sent. */
const SECRET_KINDS = new Set(['signin']);

interface ClaimedMail {
  id: bigint;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
}

/** Sends what is due; returns how many went out and how many failed (and wait for a retry). */
export async function deliverOutbox(
  db: Db,
  send: (mail: OutgoingMail) => Promise<void>,
  now = new Date(),
  batch = 20,
): Promise<{ sent: number; failed: number }> {
  // Claiming moves next_attempt_at forward, so a process that dies mid-send leaves the row to be retried later, not lost.
  const claimed = await db.$queryRaw<ClaimedMail[]>`
    UPDATE "mail_outbox" SET "attempts" = "attempts" + 1, "next_attempt_at" = ${new Date(now.getTime() + CLAIM_MS)}
    WHERE "id" IN (
      SELECT "id" FROM "mail_outbox" WHERE "sent_at" IS NULL AND "next_attempt_at" <= ${now}
      ORDER BY "id" LIMIT ${batch} FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "kind", "recipient", "subject", "text", "html", "attempts"`;
  let sent = 0;
  let failed = 0;
  for (const mail of claimed) {
    try {
      await send({ to: mail.recipient, subject: mail.subject, text: mail.text, html: mail.html ?? '' });
      // A sent sign-in link is nobody's business any more: the copy in the database would let its reader sign in.
      const forget = SECRET_KINDS.has(mail.kind) ? { text: '', html: null } : {};
      await db.mailOutbox.update({ where: { id: mail.id }, data: { sentAt: new Date(), lastError: null, ...forget } });
      sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.mailOutbox.update({
        where: { id: mail.id },
        data: { lastError: message.slice(0, 500), nextAttemptAt: new Date(now.getTime() + retryDelayMs(mail.attempts)) },
      });
      failed++;
    }
  }
  return { sent, failed };
}

/** What staff see: mail whose delivery has failed and waits for another try, with the last error (mail merely queued is not news). */
export function undeliveredMail(db: Db, take = 50) {
  return db.mailOutbox.findMany({
    where: { sentAt: null, lastError: { not: null } },
    orderBy: { id: 'asc' },
    take,
    select: { id: true, recipient: true, subject: true, kind: true, attempts: true, lastError: true, nextAttemptAt: true, createdAt: true },
  });
}
