import { recordAudit } from '../audit';
import type { Db } from '../db/client';
import { invitedUser } from './invited';

export interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
}

/**
 * The first sign-in with the identity provider links its identity to the
 * invited account with the same address, if the provider vouches for the
 * address (email_verified) and the account has no other identity at that
 * provider. A second identity claiming the same address is refused: it would
 * otherwise take the account over.
 */
export async function linkOidcIdentity(
  db: Db,
  account: { provider: string; providerAccountId: string; type: string },
  profile: OidcProfile | undefined,
  errorPage: string,
): Promise<true | string> {
  const email = profile?.email?.toLowerCase();
  const verified = profile?.email_verified === true || profile?.email_verified === 'true';
  if (!email || !verified) return `${errorPage}?error=EmailNotVerified`;
  const user = await invitedUser(db, email);
  if (!user) return `${errorPage}?error=AccessDenied`;
  const linked = await db.account.findMany({ where: { userId: user.id, provider: account.provider }, select: { providerAccountId: true } });
  if (linked.some((a) => a.providerAccountId === account.providerAccountId)) return true;
  if (linked.length > 0) return `${errorPage}?error=AccessDenied`;
  const owner = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
  });
  if (owner) return `${errorPage}?error=AccessDenied`;
  await db.$transaction(async (tx) => {
    await tx.account.create({ data: { userId: user.id, type: account.type, provider: account.provider, providerAccountId: account.providerAccountId } });
    await recordAudit(tx, { actorId: user.id, action: 'user.linkIdentity', subjectType: 'user', subjectId: user.id, after: { provider: account.provider } });
  });
  return true;
}
