import { PrismaPg } from '@prisma/adapter-pg';
import { config } from '@/lib/config';
import { PrismaClient } from '@/lib/generated/prisma/client';

/*
 * One PrismaClient per process (Next's dev server reloads modules, so the
 * instance lives on globalThis). DATABASE_URL is set by the launcher
 * (scripts/portal.ts) or by the operator.
 */

const globalForDb = globalThis as unknown as { vcPrisma?: PrismaClient };

export function createDb(url: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

export function db(): PrismaClient {
  if (!globalForDb.vcPrisma) {
    const url = config().databaseUrl;
    if (!url) throw new Error('DATABASE_URL is not set: start the portal with the README run command');
    globalForDb.vcPrisma = createDb(url);
  }
  return globalForDb.vcPrisma;
}

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
