import type { EditorialStatus } from '@/lib/generated/prisma/enums';

/*
 * The editorial state machine of a message, as one explicit table. Every
 * status change goes through applyEditorialEvent (./apply.ts), and the
 * database refuses any status change that is not listed here (trigger
 * video_editorial_guard, kept equal to this table by a test).
 */

export const EDITORIAL_EVENTS = ['submit', 'requestChanges', 'approve', 'reject', 'publish', 'withdraw'] as const;
export type EditorialEvent = (typeof EDITORIAL_EVENTS)[number];

export const EDITORIAL_TRANSITIONS: Readonly<Record<EditorialEvent, Partial<Record<EditorialStatus, EditorialStatus>>>> = {
  submit: { DRAFT: 'SUBMITTED', CHANGES_REQUESTED: 'SUBMITTED' },
  requestChanges: { SUBMITTED: 'CHANGES_REQUESTED' },
  approve: { SUBMITTED: 'APPROVED' },
  reject: { SUBMITTED: 'REJECTED' },
  publish: { APPROVED: 'PUBLISHED' },
  withdraw: {
    DRAFT: 'WITHDRAWN',
    SUBMITTED: 'WITHDRAWN',
    CHANGES_REQUESTED: 'WITHDRAWN',
    APPROVED: 'WITHDRAWN',
    PUBLISHED: 'WITHDRAWN',
  },
};

/** Events that need a reason the mayor will read. */
export const EVENTS_NEEDING_REASON: ReadonlySet<EditorialEvent> = new Set(['requestChanges', 'reject']);

/** The only state citizens may ever see. */
export const PUBLIC_STATUS: EditorialStatus = 'PUBLISHED';

export function nextEditorialStatus(from: EditorialStatus, event: EditorialEvent): EditorialStatus | null {
  return EDITORIAL_TRANSITIONS[event][from] ?? null;
}

/** Every (from, to) pair the table allows, for the database guard and its test. */
export function allowedEditorialPairs(): Array<[EditorialStatus, EditorialStatus]> {
  const pairs = new Map<string, [EditorialStatus, EditorialStatus]>();
  for (const event of EDITORIAL_EVENTS) {
    for (const [from, to] of Object.entries(EDITORIAL_TRANSITIONS[event]) as Array<[EditorialStatus, EditorialStatus]>) {
      pairs.set(`${from}>${to}`, [from, to]);
    }
  }
  return [...pairs.values()];
}
