import { recordAudit } from '../audit';
import type { Db, Tx } from '../db/client';
import type { EditorialStatus } from '../generated/prisma/enums';
import { recordEvent } from '../events/record';
import type { EventType } from '../events/routes';
import { EVENTS_NEEDING_REASON, nextEditorialStatus, type EditorialEvent } from './transitions';

export class EditorialTransitionError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_allowed' | 'conflict' | 'stale' | 'reason_required',
    message: string,
  ) {
    super(message);
    this.name = 'EditorialTransitionError';
  }
}

export interface EditorialCommand {
  videoId: string;
  event: EditorialEvent;
  actorId?: string | null;
  reason?: string | null;
  /** The status the actor saw; a different current status means someone else acted first. */
  expectedStatus?: EditorialStatus;
  /** The revision the actor judged (staff decisions); a different one means the content changed since (`stale`). */
  expectedRevision?: number;
  at?: Date;
}

/** The domain event each editorial step records. */
export const EDITORIAL_EVENT_TYPES: Record<EditorialEvent, EventType> = {
  submit: 'message.submitted',
  approve: 'message.approved',
  requestChanges: 'message.changesRequested',
  reject: 'message.rejected',
  publish: 'message.published',
  withdraw: 'message.withdrawn',
};

/**
 * The one way a message changes editorial status: checks the transition table,
 * updates the row only if nobody changed it meanwhile, and records the step in
 * the message's history and the audit trail, with the domain event its
 * subscribers hear (notices, the YouTube copy, page caches), all in the
 * caller's transaction.
 */
export async function applyEditorialEventIn(tx: Tx, command: EditorialCommand): Promise<EditorialStatus> {
  const reason = command.reason?.trim() || null;
  if (EVENTS_NEEDING_REASON.has(command.event) && !reason) {
    throw new EditorialTransitionError('reason_required', `${command.event} needs a reason`);
  }
  const video = await tx.video.findUnique({
    where: { id: command.videoId },
    select: { status: true, publishedAt: true, municipalityIstat: true, revision: true },
  });
  if (!video) throw new EditorialTransitionError('not_found', `message ${command.videoId} does not exist`);
  const from = video.status;
  if (command.expectedStatus && command.expectedStatus !== from) {
    throw new EditorialTransitionError('conflict', `message is now ${from}, not ${command.expectedStatus}`);
  }
  if (command.expectedRevision !== undefined && command.expectedRevision !== video.revision) {
    throw new EditorialTransitionError('stale', `message is at revision ${video.revision}, the decision was taken on ${command.expectedRevision}`);
  }
  const to = nextEditorialStatus(from, command.event);
  if (!to) throw new EditorialTransitionError('not_allowed', `${command.event} is not allowed from ${from}`);
  const at = command.at ?? new Date();
  // Status and revision are checked again in the statement that changes them: nothing can slip in between.
  const updated = await tx.video.updateMany({
    where: { id: command.videoId, status: from, ...(command.expectedRevision !== undefined ? { revision: command.expectedRevision } : {}) },
    data: {
      status: to,
      ...(to === 'SUBMITTED' ? { submittedAt: at } : {}),
      ...(to === 'PUBLISHED' ? { publishedAt: video.publishedAt ?? at } : {}),
    },
  });
  if (updated.count !== 1) {
    const now = await tx.video.findUnique({ where: { id: command.videoId }, select: { status: true } });
    throw new EditorialTransitionError(now?.status === from ? 'stale' : 'conflict', 'message changed while acting on it');
  }
  const actorId = command.actorId ?? null;
  await tx.editorialTransition.create({ data: { videoId: command.videoId, from, to, event: command.event, actorId, reason, at } });
  await recordAudit(tx, {
    actorId,
    action: `message.${command.event}`,
    subjectType: 'message',
    subjectId: command.videoId,
    municipalityIstat: video.municipalityIstat,
    before: { status: from, revision: video.revision },
    after: { status: to, revision: video.revision },
    reason,
    at,
  });
  await recordEvent(tx, {
    type: EDITORIAL_EVENT_TYPES[command.event],
    aggregateId: command.videoId,
    municipalityIstat: video.municipalityIstat,
    payload: { event: command.event, from, to, actorId, reason },
  });
  return to;
}

/** applyEditorialEventIn in a transaction of its own. */
export function applyEditorialEvent(db: Db, command: EditorialCommand): Promise<EditorialStatus> {
  return db.$transaction((tx) => applyEditorialEventIn(tx, command));
}
