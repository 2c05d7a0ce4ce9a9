import type { Db } from '../db/client';
import { italianDate } from '../time/zones';

/*
 * Par condicio (law 28/2000): while a comune is in an election period it cannot
 * submit messages. Periods are whole days in Italian time, both ends included.
 */

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
