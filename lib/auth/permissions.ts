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

/** The comune a caller acts for as its mayor, or null (staff, anonymous, a mayor's account without a comune). Each service refuses null in its own words. */
export function mayorsComune(user: SignedInUser | null): string | null {
  return user?.role === 'MAYOR' && user.municipalityIstat ? user.municipalityIstat : null;
}
