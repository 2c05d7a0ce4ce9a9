import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteFirstAdministrator } from '@/lib/accounts/invitations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createUser } from '../support/fixtures';

/*
 * A new installation has no account at all: the operator invites the first
 * administrator from the machine (npm run admin:first), once.
 */

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe('the first administrator', () => {
  it('is invited from the command line on an installation without one: account, audit event and mail, once, whoever runs it at the same time', async () => {
    const results = await Promise.all([
      inviteFirstAdministrator(t.db, { email: ' Ufficio.Stampa@CittaMetropolitana.test ', name: 'Ufficio stampa' }, 'https://voci.example.it'),
      inviteFirstAdministrator(t.db, { email: 'altro@cittametropolitana.test', name: 'Altra persona' }, 'https://voci.example.it'),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: 'administratorExists' });
    const admins = await t.db.user.findMany({ where: { role: 'ADMIN' } });
    expect(admins).toHaveLength(1);
    const [admin] = admins;
    const audit = await t.db.auditEvent.findMany({ where: { subjectId: admin!.id, action: 'user.invite' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBeNull();
    const mail = await t.db.mailOutbox.findMany({ where: { recipient: admin!.email, kind: 'invitation' } });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain('https://voci.example.it/accedi');
  });

  it('is refused once an administrator exists, and for a bad address, without storing anything', async () => {
    await createUser(t.db, { role: 'ADMIN' });
    const users = await t.db.user.count();
    expect(await inviteFirstAdministrator(t.db, { email: 'nuovo@comune.test', name: 'Nuovo' }, 'https://voci.example.it')).toMatchObject({
      ok: false,
      code: 'administratorExists',
    });
    expect(await inviteFirstAdministrator(t.db, { email: 'non-un-indirizzo', name: 'Nuovo' }, 'https://voci.example.it')).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await t.db.user.count()).toBe(users);
  });
});
