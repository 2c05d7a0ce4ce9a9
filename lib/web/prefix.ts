/** A request's path, without its query. */
export function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0]!;
}

/** Whether a request's path is `prefix` itself or lies below it (`/_youtube`, `/_youtube/…`; not `/_youtubex`). */
export function matchesPrefix(url: string | undefined, prefix: string): boolean {
  const path = pathOf(url ?? '/');
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}
