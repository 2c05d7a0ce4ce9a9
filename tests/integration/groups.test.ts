import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElectionPeriod, electionCreateSchema } from '@/lib/admin/elections';
import { ForbiddenError } from '@/lib/auth/permissions';
import { coverage, coverageQuerySchema } from '@/lib/coverage';
import { createGroup, GroupMembersError, groupMembers, groupSchema, listGroups, removeGroup } from '@/lib/groups';
import { italianDate } from '@/lib/time/zones';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createUser } from '../support/fixtures';

/* Groups of comuni: made from the list, by population or from a file of ISTAT codes; used for election periods; audited. */

let t: TestDatabase;
let moderator: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let mayor: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [istat, name, population] of [
    ['001272', 'Torino', 848_885],
    ['001156', 'Moncalieri', 55_000],
    ['001259', 'Sauze d’Oulx', 1_170],
    ['001022', 'Balme', 100],
  ] as const) {
    await createMunicipality(t.db, istat, name);
    await t.db.municipality.update({ where: { istatCode: istat }, data: { population } });
  }
  // A comune of another area: never part of this area's groups.
  await createMunicipality(t.db, '004003', 'Alba', '004');
  moderator = await createUser(t.db, { role: 'MODERATOR' });
  admin = await createUser(t.db, { role: 'ADMIN' });
  mayor = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
});
afterAll(async () => {
  await t.drop();
});

const form = (values: Record<string, unknown>) => groupSchema.parse({ description: '', comuni: [], csv: '', ...values });

describe('making a group of comuni', () => {
  it('takes the comuni from the list, by population or from a file of codes, and only the area’s', async () => {
    const listed = await createGroup(t.db, moderator.signedIn, '001', form({ name: 'Valle di Susa', by: 'list', comuni: ['001259', '001022', '001259'] }));
    expect(await groupMembers(t.db, '001', listed.id)).toEqual(['001022', '001259']);
    const big = await createGroup(t.db, moderator.signedIn, '001', form({ name: 'Sopra i 15.000 abitanti', by: 'population', minPopulation: '15000' }));
    expect(await groupMembers(t.db, '001', big.id)).toEqual(['001156', '001272']);
    const filed = await createGroup(
      t.db,
      moderator.signedIn,
      '001',
      form({ name: 'Zona 1', by: 'csv', csv: 'comune;istat\nTorino;1272\nMoncalieri;001156\n' }),
    );
    expect(await groupMembers(t.db, '001', filed.id)).toEqual(['001156', '001272']);
    expect((await listGroups(t.db, moderator.signedIn)).map((g) => [g.name, g.members])).toEqual([
      ['Sopra i 15.000 abitanti', ['Moncalieri', 'Torino']],
      ['Valle di Susa', ['Balme', 'Sauze d’Oulx']],
      ['Zona 1', ['Moncalieri', 'Torino']],
    ]);
    const audit = await t.db.auditEvent.findMany({
      where: { subjectType: 'group', subjectId: String(filed.id) },
      select: { action: true, actorId: true, after: true },
    });
    expect(audit).toEqual([
      { action: 'group.create', actorId: moderator.user.id, after: expect.objectContaining({ name: 'Zona 1', by: 'csv', comuni: ['001156', '001272'] }) },
    ]);
  });

  it('says which codes or lines are wrong, and makes nothing of them', async () => {
    const attempt = (values: Record<string, unknown>) => createGroup(t.db, moderator.signedIn, '001', form({ name: `Prova ${Math.random()}`, ...values }));
    await expect(attempt({ by: 'csv', csv: 'istat\n001272\n004003\n999999' })).rejects.toEqual(new GroupMembersError('unknownCodes', ['004003', '999999']));
    await expect(attempt({ by: 'csv', csv: '001272\nTorino\n' })).rejects.toMatchObject({ reason: 'badLines', detail: ['2 (Torino)'] });
    await expect(attempt({ by: 'population', minPopulation: '5000000' })).rejects.toMatchObject({ reason: 'empty' });
    await expect(attempt({ by: 'list', comuni: [] })).rejects.toMatchObject({ reason: 'empty' });
    await expect(createGroup(t.db, moderator.signedIn, '001', form({ name: 'Zona 1', by: 'list', comuni: ['001022'] }))).rejects.toMatchObject({
      code: 'groupExists',
    });
    expect(await t.db.municipalityGroup.count({ where: { name: { startsWith: 'Prova' } } })).toBe(0);
    expect(groupSchema.safeParse({ name: 'Riga\u0007', by: 'list', comuni: ['001272'] }).success).toBe(false);
    expect(groupSchema.safeParse({ name: 'Pochi', by: 'population', minPopulation: '100', maxPopulation: '10' }).success).toBe(false);
    expect(groupSchema.safeParse({ name: 'Pochi', by: 'population' }).success).toBe(false);
  });

  it('is staff’s: a mayor can neither make, list nor remove groups', async () => {
    await expect(createGroup(t.db, mayor.signedIn, '001', form({ name: 'Del sindaco', by: 'list', comuni: ['001272'] }))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(listGroups(t.db, mayor.signedIn)).rejects.toBeInstanceOf(ForbiddenError);
    const group = await createGroup(t.db, moderator.signedIn, '001', form({ name: 'Da togliere', by: 'list', comuni: ['001022'] }));
    await expect(removeGroup(t.db, mayor.signedIn, group.id)).rejects.toBeInstanceOf(ForbiddenError);
    await removeGroup(t.db, moderator.signedIn, group.id);
    expect(await t.db.auditEvent.findMany({ where: { subjectType: 'group', subjectId: String(group.id) }, select: { action: true } })).toEqual([
      { action: 'group.create' },
      { action: 'group.remove' },
    ]);
  });
});

describe('a group’s election period', () => {
  it('puts exactly the group’s comuni in the period', async () => {
    const group = await createGroup(t.db, moderator.signedIn, '001', form({ name: 'Al voto', by: 'list', comuni: ['001259', '001022'] }));
    const today = italianDate(new Date()).toISOString().slice(0, 10);
    const count = await createElectionPeriod(
      t.db,
      admin.signedIn,
      '001',
      electionCreateSchema.parse({ comune: `gruppo:${group.id}`, startsOn: today, endsOn: today, hidePublished: false, note: 'Comunali' }),
    );
    expect(count).toBe(2);
    const periods = await t.db.electionPeriod.findMany({
      where: { note: 'Comunali' },
      select: { municipalityIstat: true },
      orderBy: { municipalityIstat: 'asc' },
    });
    expect(periods.map((p) => p.municipalityIstat)).toEqual(['001022', '001259']);
    await expect(
      createElectionPeriod(
        t.db,
        admin.signedIn,
        '001',
        electionCreateSchema.parse({ comune: 'gruppo:999999', startsOn: today, endsOn: today, hidePublished: false, note: '' }),
      ),
    ).rejects.toMatchObject({ code: 'comune' });
  });
});

describe('a group’s coverage', () => {
  it('shows only the group’s comuni on the map, in the summary and in the table', async () => {
    const group = await createGroup(t.db, moderator.signedIn, '001', form({ name: 'Copertura', by: 'list', comuni: ['001272', '001022'] }));
    const { all, rows, summary } = await coverage(t.db, moderator.signedIn, '001', coverageQuerySchema.parse({ gruppo: String(group.id), ordina: 'name' }));
    expect(all.map((r) => r.name).sort()).toEqual(['Balme', 'Torino']);
    expect(rows.map((r) => r.istatCode)).toEqual(['001022', '001272']);
    expect(summary.total).toBe(2);
    // A group that is not a number is no filter at all.
    expect(coverageQuerySchema.parse({ gruppo: '1;DROP' }).gruppo).toBeUndefined();
  });
});
