import { MESSAGE_ID } from './paths';

/** Opaque keyset cursor: the (publishedAt, id) of the last item of a page. */
export function encodeCursor(publishedAt: Date, id: string): string {
  return Buffer.from(`${publishedAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

// Publication dates the portal can have; anything else was not made by encodeCursor (and some would be out of PostgreSQL's range).
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(3000, 0, 1);

/** null when the cursor was not made by encodeCursor. */
export function decodeCursor(cursor: string): { publishedAt: Date; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [iso, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length || !iso || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) return null;
  const publishedAt = new Date(iso);
  const at = publishedAt.getTime();
  if (!id || !MESSAGE_ID.test(id) || Number.isNaN(at) || at < EARLIEST || at > LATEST) return null;
  return { publishedAt, id };
}
