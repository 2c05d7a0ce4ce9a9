/*
 * The operator's command for a new installation: invites the first
 * administrator, who then invites everyone else from /staff/inviti.
 *   npm run admin:first -- <email> "<Nome Cognome>"
 * With the environment of the portal (DATABASE_URL, VC_PUBLIC_URL, …); the
 * invitation mail is sent by a worker. Refused once an administrator exists.
 */
import { inviteFirstAdministrator } from '../lib/accounts/invitations';
import { config } from '../lib/config';
import { createDb } from '../lib/db/client';
import { closeJobQueue, jobQueueClient } from '../lib/jobs/queue';

async function main(): Promise<number> {
  const [email, name] = process.argv.slice(2);
  if (!email || !name) {
    console.error('usage: npm run admin:first -- <email> "<Nome Cognome>"');
    return 2;
  }
  const { databaseUrl, publicUrl } = config();
  if (!databaseUrl) {
    console.error('DATABASE_URL is not set (the portal’s own, as in /etc/vocicomuni/env)');
    return 2;
  }
  const db = createDb(databaseUrl, 1);
  await jobQueueClient(databaseUrl);
  try {
    const result = await inviteFirstAdministrator(db, { email, name }, publicUrl);
    if (!result.ok) {
      console.error(result.message);
      return 1;
    }
    console.log(`Invited ${result.email} as administrator: they sign in at ${publicUrl}/accedi with that address.`);
    return 0;
  } finally {
    await closeJobQueue();
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
