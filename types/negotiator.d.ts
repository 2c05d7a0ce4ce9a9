// negotiator 1.x: only what the portal uses. @types/negotiator describes 0.6, without the server's preference for ties.
declare module 'negotiator' {
  export default class Negotiator {
    constructor(request: { headers: Record<string, string | string[] | undefined> });
    encoding(available: string[], options?: { preferred?: string[] }): string | undefined;
  }
}
