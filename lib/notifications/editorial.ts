import { config } from '../config';
import type { Db, Tx } from '../db/client';
import type { EditorialEvent } from '../editorial/transitions';
import type { EditorialStatus } from '../generated/prisma/enums';
import { digestMail, editorialMail, submissionMail, type EditorialNotice } from '../mail/templates';
import { enqueueMail, enqueueMails } from './outbox';

/*
 * Who hears of an editorial change: the comune's mayors when staff decide,
 * moderators (those who asked for it at once) when a mayor submits.
 */

const MAYOR_NOTICE: Partial<Record<EditorialEvent, EditorialNotice>> = {
  approve: 'approved',
  requestChanges: 'changes',
  reject: 'rejected',
  publish: 'published',
  withdraw: 'withdrawn',
};

export interface EditorialChange {
  /** The domain event that reports the change: its mails are written once, however often this runs. */
  eventId: bigint;
  videoId: string;
  event: EditorialEvent;
  /** The status the step led to. */
  to: EditorialStatus;
  actorId: string | null;
  reason: string | null;
}

/** The `mail-notices` subscriber: the mails an editorial step causes, in the outbox. */
export async function notifyEditorialChange(tx: Tx, change: EditorialChange): Promise<void> {
  const video = await tx.video.findUnique({
    where: { id: change.videoId },
    select: { title: true, isDemo: true, status: true, municipalityIstat: true, municipality: { select: { name: true } } },
  });
  if (!video || video.isDemo) return;
  // A step already followed by another is old news (an approval that published at once, a publication since withdrawn):
  // the later step's own notice tells what matters, and mails never arrive in the wrong order.
  if (video.status !== change.to) return;
  const params = { title: video.title, comune: video.municipality.name };
  const base = config().publicUrl;

  if (change.event === 'submit') {
    const staff = await tx.user.findMany({
      where: { role: { in: ['MODERATOR', 'ADMIN'] }, disabledAt: null, notifySubmissions: 'IMMEDIATE' },
      select: { email: true },
    });
    await enqueueMails(
      tx,
      'submitted',
      staff.map((s) => submissionMail(s.email, params, `${base}/staff/moderazione/${change.videoId}`)),
      change.eventId,
    );
    return;
  }
  const notice = MAYOR_NOTICE[change.event];
  if (!notice) return;
  if (change.actorId) {
    // A mayor withdrawing their own message needs no mail about it.
    const actor = await tx.user.findUnique({ where: { id: change.actorId }, select: { role: true } });
    if (actor?.role === 'MAYOR') return;
  }
  const mayors = await tx.user.findMany({ where: { role: 'MAYOR', municipalityIstat: video.municipalityIstat, disabledAt: null }, select: { email: true } });
  const url = notice === 'published' ? `${base}/messaggi/${change.videoId}` : `${base}/sindaco/messaggi/${change.videoId}`;
  await enqueueMails(
    tx,
    `mayor.${notice}`,
    mayors.map((m) => editorialMail(m.email, notice, params, url, change.reason)),
    change.eventId,
  );
}

const DAY_MS = 24 * 3600_000;

/** Once a day per moderator who chose the digest: the submissions since their last one. */
export async function enqueueDailyDigests(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  const due = await db.user.findMany({
    where: {
      role: { in: ['MODERATOR', 'ADMIN'] },
      disabledAt: null,
      notifySubmissions: 'DAILY',
      OR: [{ lastDigestAt: null }, { lastDigestAt: { lte: new Date(now.getTime() - DAY_MS) } }],
    },
    select: { id: true, email: true, lastDigestAt: true, createdAt: true },
  });
  let queued = 0;
  for (const user of due) {
    const since = user.lastDigestAt ?? new Date(now.getTime() - DAY_MS);
    queued += await db.$transaction(async (tx) => {
      // Taking the digest slot first means two processes cannot both send it.
      const taken = await tx.user.updateMany({ where: { id: user.id, lastDigestAt: user.lastDigestAt }, data: { lastDigestAt: now } });
      if (taken.count !== 1) return 0;
      const submissions = await tx.editorialTransition.findMany({
        where: { event: 'submit', at: { gt: since, lte: now }, video: { isDemo: false } },
        orderBy: { at: 'asc' },
        select: { video: { select: { title: true, municipality: { select: { name: true } } } } },
      });
      if (!submissions.length) return 0;
      await enqueueMail(
        tx,
        'digest',
        digestMail(
          user.email,
          submissions.map((s) => ({ title: s.video.title, comune: s.video.municipality.name })),
          `${publicUrl}/staff/moderazione`,
        ),
      );
      return 1;
    });
  }
  return queued;
}
