export type AdminErrorCode =
  | 'notFound'
  | 'notAllowed'
  | 'labelLength'
  | 'themeExists'
  | 'dates'
  | 'pastEnd'
  | 'text'
  | 'url'
  | 'comune'
  | 'groupExists'
  | 'briefingRecent'
  | 'meetingPast';

export class AdminError extends Error {
  constructor(readonly code: AdminErrorCode) {
    super(code);
    this.name = 'AdminError';
  }
}

/** PostgreSQL's unique_violation, as the Prisma driver adapter reports it. */
export function uniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
}
