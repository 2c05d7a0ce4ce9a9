import type { Db, Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { PUBLIC_STATUS } from '@/lib/editorial/transitions';
import { italianDate } from '@/lib/time/zones';

/** The comuni whose published messages are hidden today: in an election period that staff chose to hide (par condicio). */
export async function hiddenMunicipalities(db: Db | Tx, now = new Date()): Promise<string[]> {
  const today = italianDate(now);
  const rows = await db.electionPeriod.findMany({
    where: { hidePublished: true, startsOn: { lte: today }, endsOn: { gte: today } },
    select: { municipalityIstat: true },
    distinct: ['municipalityIstat'],
  });
  return rows.map((r) => r.municipalityIstat);
}

/**
 * The one definition of what citizens may see: a published message whose
 * comune is not in an election period that staff chose to hide. Every public
 * query, page, feed, file and poster goes through it. The hidden comuni are
 * read first (a few rows at most), so that the message queries compare a
 * column instead of joining the election periods row by row.
 */
export async function publiclyVisible(db: Db | Tx, now = new Date()): Promise<Prisma.VideoWhereInput> {
  const hidden = await hiddenMunicipalities(db, now);
  return { status: PUBLIC_STATUS, ...(hidden.length ? { municipalityIstat: { notIn: hidden } } : {}) };
}
