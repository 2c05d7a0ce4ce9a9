import { z } from 'zod';
import { AdminError, uniqueViolation } from '../admin/errors';
import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import { isCleanMultiline, isSingleLine } from '../text/safe-text';
import { MAX_CSV_BYTES, parseIstatCodes } from './csv';

/*
 * Groups of comuni: named sets of the area's comuni that communications staff
 * address together (one of the 11 zone omogenee of the Città metropolitana di
 * Torino, a valley, the comuni over 15,000 inhabitants), made from the list,
 * by population, or from a file of ISTAT codes (lib/groups/csv.ts). The portal
 * ships no zone data of its own: a group is what staff say it is. Election
 * periods can be entered for a group; every change is in the audit log.
 */

const population = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : v),
  z.coerce.number().int('population').min(0, 'population').max(10_000_000, 'population').optional(),
);

export const groupSchema = z
  .object({
    name: z.string().trim().min(2, 'groupName').max(120, 'groupName').refine(isSingleLine, 'groupName'),
    description: z.string().trim().max(500, 'text').refine(isCleanMultiline, 'text').default(''),
    by: z.enum(['list', 'population', 'csv'], { error: 'invalid' }),
    comuni: z
      .array(z.string().regex(/^\d{6}$/, 'comune'))
      .max(5000)
      .default([]),
    minPopulation: population,
    maxPopulation: population,
    csv: z.string().max(MAX_CSV_BYTES, 'csvSize').default(''),
  })
  .refine((g) => g.by !== 'population' || g.minPopulation !== undefined || g.maxPopulation !== undefined, { path: ['minPopulation'], message: 'population' })
  .refine((g) => g.minPopulation === undefined || g.maxPopulation === undefined || g.minPopulation <= g.maxPopulation, {
    path: ['maxPopulation'],
    message: 'population',
  });
export type GroupInput = z.infer<typeof groupSchema>;

/** Why the comuni a form names make no group; `codes` and `lines` say which, for the form to show. */
export class GroupMembersError extends Error {
  constructor(
    readonly reason: 'empty' | 'unknownCodes' | 'badLines',
    readonly detail: string[] = [],
  ) {
    super(reason);
    this.name = 'GroupMembersError';
  }
}

/** The area's comuni a form names, by the way it chose. */
export async function resolveMembers(db: Db | Tx, areaCode: string, input: GroupInput): Promise<string[]> {
  let codes: string[];
  if (input.by === 'population') {
    const found = await db.municipality.findMany({
      where: { areaCode, population: { gte: input.minPopulation ?? 0, lte: input.maxPopulation ?? 10_000_000 } },
      select: { istatCode: true },
    });
    codes = found.map((m) => m.istatCode);
  } else {
    if (input.by === 'csv') {
      const parsed = parseIstatCodes(input.csv);
      if (parsed.bad.length)
        throw new GroupMembersError(
          'badLines',
          parsed.bad.slice(0, 10).map((b) => `${b.line} (${b.value || '—'})`),
        );
      codes = parsed.codes;
    } else {
      codes = [...new Set(input.comuni)];
    }
    const found = new Set(
      (await db.municipality.findMany({ where: { areaCode, istatCode: { in: codes } }, select: { istatCode: true } })).map((m) => m.istatCode),
    );
    const unknown = codes.filter((code) => !found.has(code));
    if (unknown.length) throw new GroupMembersError('unknownCodes', unknown.slice(0, 10));
  }
  if (!codes.length) throw new GroupMembersError('empty');
  return codes.sort();
}

export async function listGroups(db: Db, actor: SignedInUser | null) {
  requireCapability(actor, 'moderate');
  const groups = await db.municipalityGroup.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      description: true,
      members: { select: { municipality: { select: { name: true } } }, orderBy: { municipality: { name: 'asc' } } },
    },
  });
  return groups.map((g) => ({ id: g.id, name: g.name, description: g.description, members: g.members.map((m) => m.municipality.name) }));
}

/** Returns the new group's id. */
export async function createGroup(db: Db, actor: SignedInUser | null, areaCode: string, input: GroupInput): Promise<{ id: number; members: number }> {
  const user = requireCapability(actor, 'moderate');
  try {
    return await db.$transaction(async (tx) => {
      const members = await resolveMembers(tx, areaCode, input);
      const group = await tx.municipalityGroup.create({
        data: { name: input.name, description: input.description, members: { createMany: { data: members.map((istat) => ({ municipalityIstat: istat })) } } },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: 'group.create',
        subjectType: 'group',
        subjectId: String(group.id),
        after: { name: input.name, description: input.description, by: input.by, comuni: members },
      });
      return { id: group.id, members: members.length };
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AdminError('groupExists');
    throw error;
  }
}

export async function removeGroup(db: Db, actor: SignedInUser | null, id: number): Promise<void> {
  const user = requireCapability(actor, 'moderate');
  await db.$transaction(async (tx) => {
    const group = await tx.municipalityGroup.findUnique({ where: { id }, select: { name: true, members: { select: { municipalityIstat: true } } } });
    if (!group) throw new AdminError('notFound');
    await tx.municipalityGroup.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: user.id,
      action: 'group.remove',
      subjectType: 'group',
      subjectId: String(id),
      before: { name: group.name, comuni: group.members.map((m) => m.municipalityIstat) },
    });
  });
}

/** The group's comuni (of the area): what a call, an election period or the coverage view aimed at the group reaches. */
export async function groupMembers(db: Db | Tx, areaCode: string, groupId: number): Promise<string[]> {
  const rows = await db.municipalityGroupMember.findMany({ where: { groupId, municipality: { areaCode } }, select: { municipalityIstat: true } });
  return rows.map((r) => r.municipalityIstat).sort();
}

/** The groups by name, to choose from (a call's targets, an election period, the coverage filter). */
export function groupChoices(db: Db): Promise<Array<{ id: number; name: string }>> {
  return db.municipalityGroup.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
}
