/**
 * The caller's address as Next.js code should read it: the front server
 * (lib/web/front-server.ts) replaces whatever X-Forwarded-For a visitor sent
 * with the one address it trusts, so the first entry is that address.
 */
export function forwardedClientAddress(headers: { get(name: string): string | null }): string {
  return (headers.get('x-forwarded-for') ?? '').split(',')[0]!.trim();
}
