import { z } from 'zod';
import { recordAudit, recordAudits } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { italianDate, parseDay } from '../time/zones';
import { isCleanMultiline } from '../text/safe-text';
import { AdminError } from './errors';
import { recordEvent } from '../events/record';

/*
 * Election periods (par condicio, law 28/2000), entered by staff for one comune
 * or for every comune of the area at once (the usual case: a round of local
 * elections). While a period runs the comune cannot submit; staff choose
 * whether its published messages stay visible.
 */

const day = z.string().transform((value, ctx) => {
  const parsed = parseDay(value);
  if (!parsed) ctx.addIssue({ code: 'custom', message: 'dates' });
  return parsed ?? new Date(0);
});

export const electionCreateSchema = z.object({
  /** `*` for every comune of the area, `gruppo:<id>` for a group's (lib/groups), or one comune's ISTAT code. */
  comune: z.union([z.literal('*'), z.string().regex(/^(\d{6}|gruppo:\d{1,9})$/, { error: 'comune' })], { error: 'comune' }),
  startsOn: day,
  endsOn: day,
  hidePublished: z.boolean(),
  note: z.string().trim().max(500).refine(isCleanMultiline, { error: 'controlCharacters' }).default(''),
});

export async function electionPeriods(db: Db, actor: SignedInUser | null, now = new Date()) {
  requireCapability(actor, 'administer');
  return db.electionPeriod.findMany({
    where: { endsOn: { gte: italianDate(now) } },
    orderBy: [{ startsOn: 'asc' }, { municipality: { name: 'asc' } }],
    select: { id: true, startsOn: true, endsOn: true, hidePublished: true, note: true, municipality: { select: { istatCode: true, name: true } } },
  });
}

/** Returns how many comuni got the period. */
export async function createElectionPeriod(
  db: Db,
  actor: SignedInUser | null,
  areaCode: string,
  input: z.infer<typeof electionCreateSchema>,
  now = new Date(),
): Promise<number> {
  const user = requireCapability(actor, 'administer');
  if (input.endsOn < input.startsOn) throw new AdminError('dates');
  if (input.endsOn < italianDate(now)) throw new AdminError('pastEnd');
  return db.$transaction(async (tx) => {
    const group = /^gruppo:(\d+)$/.exec(input.comune);
    const comuni = await tx.municipality.findMany({
      where:
        input.comune === '*' ? { areaCode } : group ? { areaCode, groups: { some: { groupId: Number(group[1]) } } } : { istatCode: input.comune, areaCode },
      select: { istatCode: true },
    });
    if (!comuni.length) throw new AdminError('comune');
    const data = { startsOn: input.startsOn, endsOn: input.endsOn, hidePublished: input.hidePublished, note: input.note, createdById: user.id };
    const periods = await tx.electionPeriod.createManyAndReturn({
      data: comuni.map(({ istatCode }) => ({ ...data, municipalityIstat: istatCode })),
      select: { id: true, municipalityIstat: true },
    });
    const after = {
      startsOn: input.startsOn.toISOString().slice(0, 10),
      endsOn: input.endsOn.toISOString().slice(0, 10),
      hidePublished: input.hidePublished,
      note: input.note,
    };
    await recordAudits(
      tx,
      periods.map((p) => ({
        actorId: user.id,
        action: 'election.create',
        subjectType: 'election',
        subjectId: String(p.id),
        municipalityIstat: p.municipalityIstat,
        after,
      })),
    );
    // One event for all the comuni chosen (the area, a group): the period starts or ends for all of them at once.
    await recordEvent(tx, {
      type: 'election.changed',
      aggregateId: String(periods[0]!.id),
      municipalityIstat: comuni.length === 1 ? comuni[0]!.istatCode : null,
    });
    return comuni.length;
  });
}

export async function removeElectionPeriod(db: Db, actor: SignedInUser | null, id: number): Promise<void> {
  const user = requireCapability(actor, 'administer');
  await db.$transaction(async (tx) => {
    const period = await tx.electionPeriod.findUnique({ where: { id } });
    if (!period) throw new AdminError('notFound');
    await tx.electionPeriod.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: user.id,
      action: 'election.remove',
      subjectType: 'election',
      subjectId: String(id),
      municipalityIstat: period.municipalityIstat,
      before: {
        startsOn: period.startsOn.toISOString().slice(0, 10),
        endsOn: period.endsOn.toISOString().slice(0, 10),
        hidePublished: period.hidePublished,
        note: period.note,
      },
    });
    await recordEvent(tx, { type: 'election.changed', aggregateId: String(id), municipalityIstat: period.municipalityIstat });
  });
}
