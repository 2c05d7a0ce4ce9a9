import { installJobQueue } from '../jobs/queue';
import { deployMigrations } from './migrations';
import { grantApplicationRole, roleOf } from './roles';

/**
 * Applies pending migrations and installs the job queue as the owner, then gives the portal's own role
 * its rights on what they made (new tables included). With one URL for both,
 * as a small installation may have, the grants are skipped: that role owns
 * everything anyway. Returns the migrations applied.
 */
export async function deployFor(databaseUrl: string, migrationUrl = databaseUrl): Promise<string[]> {
  const applied = await deployMigrations(migrationUrl);
  const appRole = migrationUrl !== databaseUrl ? roleOf(databaseUrl) : null;
  await installJobQueue(migrationUrl, appRole);
  if (appRole) await grantApplicationRole(migrationUrl, appRole);
  return applied;
}
