/* `prisma db seed` (and `npm run db:seed`): reference data and, unless VC_DEMO=0, demo messages. */
import { config } from '../lib/config';
import { createDb } from '../lib/db/client';
import { seedDemoContent } from '../lib/seed/demo';
import { seedReferenceData } from '../lib/seed/reference';
import { mediaStore } from '../lib/uploads/media-store';
import { uploadSettings } from '../lib/uploads/settings';
import { defaultSharedGeoDir, ensureAreaMap } from '../lib/setup/prepare';

const { areaCode, mapDir, dataDir, databaseUrl: url, demoContent } = config();
if (!url) throw new Error('DATABASE_URL is not set');
const map = await ensureAreaMap({ areaCode, mapDir, sharedGeoDir: defaultSharedGeoDir(process.cwd()), log: console.log });
const db = createDb(url, 2);
const uploads = uploadSettings(dataDir);
await seedReferenceData(db, map);
if (demoContent !== false)
  console.log(`demo messages created: ${await seedDemoContent(db, { media: { store: await mediaStore(uploads), limits: uploads.limits } })}`);
await db.$disconnect();
