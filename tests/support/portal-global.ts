import type { TestProject } from 'vitest/node';
import { startPortal, type RunningPortal } from './launcher';
import { startLocalPushService } from './push-service';

let portal: RunningPortal | null = null;
let pushService: Awaited<ReturnType<typeof startLocalPushService>> | null = null;

/* The portal every end-to-end test file shares: the run command's demo mode, as a newcomer starts it. */
export async function setup(project: TestProject): Promise<void> {
  // Browsers' push services are on the internet; the portal's pushes go to a local one (tests/support/push-service.ts).
  pushService = await startLocalPushService();
  portal = await startPortal({
    VC_PUSH_SERVICES: pushService.origin,
    VC_UPLOAD_CHUNK_BYTES: String(256 * 1024),
    VC_YOUTUBE_POLL_MS: '500',
    VC_YOUTUBE_REFRESH_MS: '3000',
    VC_YOUTUBE_STANDIN_PROCESSING_MS: '1000',
    // The demo's own videos (some forty, a few hundred units each) would use up a real project's day before the tests' messages.
    VC_YOUTUBE_QUOTA_UNITS: '1000000',
    VC_YOUTUBE_QUOTA_UPLOADS: '1000',
  });
  project.provide('baseUrl', portal.baseUrl);
  project.provide('portalDataDir', portal.dataDir);
  // The tests reach the database as the portal itself does: the application role, whose password the launcher made.
  project.provide('portalDatabaseUrl', portal.databaseUrl);
  project.provide('portalOwnerUrl', portal.ownerUrl);
  // Test files that change messages themselves add their jobs to the portal's queue (lib/jobs/queue.ts reads it).
  process.env.DATABASE_URL = portal.databaseUrl;
  project.provide('demoInboxUrl', portal.demoInboxUrl!);
  project.provide('pushServiceOrigin', pushService.origin);
}

export async function teardown(): Promise<void> {
  await portal?.stop();
  await pushService?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    portalDatabaseUrl: string;
    portalOwnerUrl: string;
    portalDataDir: string;
    demoInboxUrl: string;
    pushServiceOrigin: string;
  }
}
