/** Whether a request's path is `prefix` itself or lies below it (`/_youtube`, `/_youtube/…`; not `/_youtubex`). */
export function matchesPrefix(url: string | undefined, prefix: string): boolean {
  const path = (url ?? '/').split('?')[0]!;
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}
