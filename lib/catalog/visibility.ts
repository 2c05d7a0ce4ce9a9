import type { Prisma } from '@/lib/generated/prisma/client';
import { PUBLIC_STATUS } from '@/lib/editorial/transitions';
import { italianDate } from '@/lib/time/zones';

/**
 * The one definition of what citizens may see: a published message whose
 * comune is not in an election period that staff chose to hide (par condicio).
 * Every public query, page, feed, file and poster goes through it.
 */
export function publiclyVisible(now = new Date()): Prisma.VideoWhereInput {
  const today = italianDate(now);
  return {
    status: PUBLIC_STATUS,
    municipality: { electionPeriods: { none: { hidePublished: true, startsOn: { lte: today }, endsOn: { gte: today } } } },
  };
}
