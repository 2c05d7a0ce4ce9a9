import type { Db } from '../db/client';

/*
 * Par condicio (law 28/2000): while a comune is in an election period it cannot
 * submit messages. Periods are whole days in Italian time, both ends included.
 */

export function italianDate(now: Date): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return new Date(`${day}T00:00:00.000Z`);
}

export interface ActiveElection {
  startsOn: Date;
  endsOn: Date;
  hidePublished: boolean;
  note: string;
}

export async function activeElection(db: Db, istatCode: string, now = new Date()): Promise<ActiveElection | null> {
  const today = italianDate(now);
  return db.electionPeriod.findFirst({
    where: { municipalityIstat: istatCode, startsOn: { lte: today }, endsOn: { gte: today } },
    orderBy: { endsOn: 'desc' },
    select: { startsOn: true, endsOn: true, hidePublished: true, note: true },
  });
}
