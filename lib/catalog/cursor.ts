/** Opaque keyset cursor: the (publishedAt, id) of the last item of a page. */
export function encodeCursor(publishedAt: Date, id: string): string {
  return Buffer.from(`${publishedAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** null when the cursor was not made by encodeCursor. */
export function decodeCursor(cursor: string): { publishedAt: Date; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const publishedAt = new Date(iso ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(publishedAt.getTime())) return null;
  return { publishedAt, id };
}
