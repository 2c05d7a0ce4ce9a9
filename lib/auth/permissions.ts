import type { Role } from '../generated/prisma/enums';
import type { SignedInUser } from './session';

/*
 * Who may do what in the staff console, as one table. Pages, route handlers and
 * the domain services all ask it; the authorization matrix test reads it too.
 */

export const CAPABILITIES = {
  moderate: ['MODERATOR', 'ADMIN'],
  administer: ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export class ForbiddenError extends Error {
  constructor() {
    super('forbidden');
    this.name = 'ForbiddenError';
  }
}

export function can(user: SignedInUser | null, capability: Capability): boolean {
  return user !== null && (CAPABILITIES[capability] as readonly Role[]).includes(user.role);
}

/** The caller, if allowed; otherwise ForbiddenError. */
export function requireCapability(user: SignedInUser | null, capability: Capability): SignedInUser {
  if (!user || !can(user, capability)) throw new ForbiddenError();
  return user;
}
