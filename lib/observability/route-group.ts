/*
 * The few groups a request's path falls in, for metrics: a label with one
 * value per address would grow without bound (every message, every made-up
 * address a visitor tries).
 */
const GROUPS: Array<[RegExp, string]> = [
  [/^\/_next\//, 'static'],
  [/^\/api\/uploads(\/|$)/, 'upload'],
  [/^\/api\/media\//, 'media'],
  [/^\/api\/v1\//, 'api'],
  [/^\/api\/(auth\/|staff\/)|^\/accedi(\/|$)/, 'auth-staff'],
  [/^\/api\/health(\/|$)|^\/metrics$/, 'monitoring'],
  [/^\/(staff|sindaco)(\/|$)/, 'signed-in'],
  [/^\/(feed|atom)\.xml$|^\/comuni\/[^/]+\/(feed|atom)\.xml$/, 'feed'],
  [/^\/cerca(\/|$)/, 'search'],
  [/^\/messaggi\//, 'message'],
  [/^\/comuni(\/|$)/, 'comune'],
  [/^\/temi(\/|$)/, 'theme'],
  [/^\/$/, 'home'],
];

export function routeGroup(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0]!;
  for (const [pattern, group] of GROUPS) if (pattern.test(path)) return group;
  return 'other';
}
