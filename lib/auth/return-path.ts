/** A path on this site to return to after signing in; anything else becomes the reserved area's entry. */
export function safeReturnPath(raw: string | string[] | undefined, fallback = '/area'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
