import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkOidcIdentity } from '@/lib/auth/oidc-link';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createUser } from '../support/fixtures';

/*
 * The first sign-in with the metropolitan city's identity provider: next-auth
 * calls this before it signs anyone in, and links nothing itself.
 */

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
});
afterAll(() => t.drop());

const account = (sub: string) => ({ provider: 'oidc', providerAccountId: sub, type: 'oauth' });
const link = (sub: string, email: string, verified: boolean | string | undefined) =>
  linkOidcIdentity(t.db, account(sub), { sub, email, email_verified: verified }, '/accedi/errore');

describe('linking an identity to an invited account', () => {
  it('needs the provider to vouch for the address', async () => {
    const mayor = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
    expect(await link('sub-unverified', mayor.user.email, false)).toBe('/accedi/errore?error=EmailNotVerified');
    expect(await link('sub-unverified', mayor.user.email, undefined)).toBe('/accedi/errore?error=EmailNotVerified');
    expect(await t.db.account.count({ where: { userId: mayor.user.id } })).toBe(0);
  });

  it('links a verified address of an invited account once, in the audit trail, and signs it in again later', async () => {
    const moderator = await createUser(t.db, { role: 'MODERATOR' });
    expect(await link('sub-1', moderator.user.email.toUpperCase(), true)).toBe(true);
    expect(await link('sub-1', moderator.user.email, 'true')).toBe(true);
    expect(await t.db.account.findMany({ where: { userId: moderator.user.id }, select: { providerAccountId: true } })).toEqual([
      { providerAccountId: 'sub-1' },
    ]);
    expect(await t.db.auditEvent.count({ where: { action: 'user.linkIdentity', subjectId: moderator.user.id } })).toBe(1);
  });

  it('refuses a second identity that claims the address of an account already linked', async () => {
    const admin = await createUser(t.db, { role: 'ADMIN' });
    expect(await link('sub-admin', admin.user.email, true)).toBe(true);
    expect(await link('sub-impostor', admin.user.email, true)).toBe('/accedi/errore?error=AccessDenied');
    expect(await t.db.account.count({ where: { userId: admin.user.id } })).toBe(1);
  });

  it('refuses addresses nobody invited, and disabled accounts', async () => {
    expect(await link('sub-stranger', 'nessuno@example.com', true)).toBe('/accedi/errore?error=AccessDenied');
    const gone = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
    await t.db.user.update({ where: { id: gone.user.id }, data: { disabledAt: new Date() } });
    expect(await link('sub-gone', gone.user.email, true)).toBe('/accedi/errore?error=AccessDenied');
  });
});
