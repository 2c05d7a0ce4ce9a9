/*
 * What each YouTube Data API method costs (official quota table, checked
 * November 2026). videos.insert draws on its own bucket of calls per day; every
 * other method on the daily units. Shared by the portal's ledger and the stand-in.
 */
export const QUOTA_COSTS = {
  'videos.insert': 1,
  'videos.list': 1,
  'videos.update': 50,
  'videos.delete': 50,
  'channels.list': 1,
  'playlists.insert': 50,
  'playlistItems.list': 1,
  'playlistItems.insert': 50,
  'playlistItems.delete': 50,
  'captions.insert': 400,
} as const;

export type QuotaMethod = keyof typeof QUOTA_COSTS;
export type QuotaBucket = 'insert' | 'default';

export function bucketOf(method: QuotaMethod): QuotaBucket {
  return method === 'videos.insert' ? 'insert' : 'default';
}

/** YouTube's quota day runs midnight to midnight, Pacific time. */
export const QUOTA_ZONE = 'America/Los_Angeles';
