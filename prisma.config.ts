import { defineConfig } from 'prisma/config';

// process.env, not env(): env() throws when DATABASE_URL is unset, which would
// break `prisma generate` on a fresh clone (see README, "Database").
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
