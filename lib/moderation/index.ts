import { z } from 'zod';
import { revisionNumber } from '../db/ids';
import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { applyEditorialEventIn, EditorialTransitionError } from '../editorial/apply';
import { EDITORIAL_TIMELINE } from '../editorial/timeline';
import type { EditorialStatus } from '../generated/prisma/enums';
import type { Prisma } from '../generated/prisma/client';
import { messageFormSchema } from '../messages/form';
import { isCleanMultiline } from '../text/safe-text';
import { recordEvent } from '../events/record';

/*
 * What moderators do with the comuni's messages: the queue, one message with
 * everything needed to judge it, decisions (alone or in bulk) and metadata
 * edits. Every function checks the caller's capability itself, so no route can
 * forget to.
 */

export const STAFF_VISIBLE_STATUSES = [
  'SUBMITTED',
  'CHANGES_REQUESTED',
  'APPROVED',
  'PUBLISHED',
  'REJECTED',
  'WITHDRAWN',
] as const satisfies readonly EditorialStatus[];
export const AGE_FILTERS = { '': 0, '1': 1, '3': 3, '7': 7 } as const;

export const queueFilterSchema = z.object({
  stato: z.enum(STAFF_VISIBLE_STATUSES).catch('SUBMITTED'),
  comune: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
  tema: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional()
    .catch(undefined),
  /** Waiting for at least this many days. */
  eta: z.enum(['', '1', '3', '7']).catch(''),
  pagina: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export type ModerationErrorCode = 'notFound' | 'conflict' | 'changed' | 'notAllowed' | 'reasonRequired';

export class ModerationError extends Error {
  constructor(readonly code: ModerationErrorCode) {
    super(code);
    this.name = 'ModerationError';
  }
}

const QUEUE_PAGE = 25;

export async function moderationQueue(db: Db, actor: SignedInUser | null, filter: QueueFilter, now = new Date()) {
  requireCapability(actor, 'moderate');
  const days = AGE_FILTERS[filter.eta];
  const where: Prisma.VideoWhereInput = {
    status: filter.stato,
    isDemo: false,
    ...(filter.comune ? { municipalityIstat: filter.comune } : {}),
    ...(filter.tema ? { themes: { some: { theme: { slug: filter.tema } } } } : {}),
    ...(days ? { submittedAt: { lte: new Date(now.getTime() - days * 86_400_000) } } : {}),
  };
  const [items, total] = await Promise.all([
    db.video.findMany({
      where,
      // The longest-waiting first: a queue is worked from its head.
      orderBy: [{ submittedAt: 'asc' }, { createdAt: 'asc' }],
      skip: (filter.pagina - 1) * QUEUE_PAGE,
      take: QUEUE_PAGE,
      select: {
        id: true,
        title: true,
        status: true,
        submittedAt: true,
        updatedAt: true,
        revision: true,
        municipality: { select: { istatCode: true, name: true } },
        themes: { select: { theme: { select: { slug: true, labelIt: true, labelEn: true } } } },
        media: { select: { durationMs: true } },
      },
    }),
    db.video.count({ where }),
  ]);
  return { items, total, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE)) };
}

/** Everything a moderator needs to judge one message, with its history. */
export async function messageForStaff(db: Db, actor: SignedInUser | null, videoId: string) {
  requireCapability(actor, 'moderate');
  if (!z.uuid().safeParse(videoId).success) throw new ModerationError('notFound');
  const message = await db.video.findFirst({
    where: { id: videoId, status: { in: [...STAFF_VISIBLE_STATUSES] } },
    select: {
      id: true,
      title: true,
      description: true,
      language: true,
      status: true,
      captions: true,
      consentGiven: true,
      minorsShown: true,
      madeForKids: true,
      submittedAt: true,
      publishedAt: true,
      updatedAt: true,
      revision: true,
      isDemo: true,
      municipality: { select: { istatCode: true, name: true, slug: true } },
      author: { select: { name: true, email: true } },
      themes: { select: { themeId: true } },
      media: {
        select: {
          id: true,
          status: true,
          originalName: true,
          durationMs: true,
          width: true,
          height: true,
          videoCodec: true,
          audioCodec: true,
          container: true,
          sizeBytes: true,
          sha256: true,
        },
      },
      transitions: EDITORIAL_TIMELINE,
    },
  });
  if (!message) throw new ModerationError('notFound');
  return message;
}

export const DECISIONS = ['approve', 'requestChanges', 'reject', 'withdraw'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Decisions the mayor must be given a reason for. */
export const DECISIONS_NEEDING_REASON: ReadonlySet<Decision> = new Set(['requestChanges', 'reject', 'withdraw']);

export const decisionSchema = z.object({
  decision: z.enum(DECISIONS),
  reason: z.string().trim().max(2000).refine(isCleanMultiline, { error: 'controlCharacters' }).default(''),
  expectedStatus: z.enum(STAFF_VISIBLE_STATUSES),
  /** The revision on the moderator's screen: the decision applies to that content and no other. */
  revision: revisionNumber,
});

const CODE_OF: Record<EditorialTransitionError['code'], ModerationErrorCode> = {
  not_found: 'notFound',
  conflict: 'conflict',
  stale: 'changed',
  reason_required: 'reasonRequired',
  not_allowed: 'notAllowed',
};

function asModerationError(error: unknown): never {
  if (error instanceof EditorialTransitionError) throw new ModerationError(CODE_OF[error.code]);
  throw error;
}

/**
 * A moderator's decision on one message. Approval publishes at once on the
 * portal (the YouTube copy follows), in one transaction with the approval.
 * Of two moderators deciding at once, the second gets `conflict`. A decision
 * names the revision the moderator saw: if the mayor changed the message
 * since (a new file, a new title), it is refused with `changed`, so nothing
 * unread is ever published.
 */
export async function decide(db: Db, actor: SignedInUser | null, videoId: string, input: z.infer<typeof decisionSchema>): Promise<EditorialStatus> {
  const user = requireCapability(actor, 'moderate');
  if (!z.uuid().safeParse(videoId).success) throw new ModerationError('notFound');
  const reason = input.reason.trim();
  if (DECISIONS_NEEDING_REASON.has(input.decision) && !reason) throw new ModerationError('reasonRequired');
  try {
    return await db.$transaction(async (tx) => {
      const common = { videoId, actorId: user.id, reason: reason || null, expectedRevision: input.revision };
      if (input.decision === 'approve') {
        await applyEditorialEventIn(tx, { ...common, event: 'approve', expectedStatus: input.expectedStatus });
        return applyEditorialEventIn(tx, { ...common, event: 'publish', expectedStatus: 'APPROVED' });
      }
      return applyEditorialEventIn(tx, { ...common, event: input.decision, expectedStatus: input.expectedStatus });
    });
  } catch (error) {
    asModerationError(error);
  }
}

export const bulkSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(2000).refine(isCleanMultiline, { error: 'controlCharacters' }).default(''),
  /** "<message id>@<revision>": each message as the queue showed it. */
  items: z
    .array(z.string().regex(/^[0-9a-f-]{36}@\d{1,9}$/))
    .min(1)
    .max(100)
    .transform((values) => values.map((v) => ({ id: v.slice(0, 36), revision: Number(v.slice(37)) })))
    .pipe(z.array(z.object({ id: z.uuid(), revision: z.number().int().min(1) }))),
});

/** The same decision on several submitted messages, each on its own: one that changed meanwhile does not stop the others. */
export async function decideMany(
  db: Db,
  actor: SignedInUser | null,
  input: z.infer<typeof bulkSchema>,
): Promise<Array<{ id: string; outcome: 'done' | ModerationErrorCode }>> {
  requireCapability(actor, 'moderate');
  if (input.decision === 'reject' && !input.reason.trim()) throw new ModerationError('reasonRequired');
  const results: Array<{ id: string; outcome: 'done' | ModerationErrorCode }> = [];
  const seen = new Set<string>();
  for (const { id, revision } of input.items) {
    if (seen.has(id)) continue;
    seen.add(id);
    try {
      await decide(db, actor, id, { decision: input.decision, reason: input.reason, expectedStatus: 'SUBMITTED', revision });
      results.push({ id, outcome: 'done' });
    } catch (error) {
      if (!(error instanceof ModerationError)) throw error;
      results.push({ id, outcome: error.code });
    }
  }
  return results;
}

export const metadataSchema = messageFormSchema.pick({ title: true, description: true, themes: true, language: true }).extend({
  /** The revision when the moderator opened the form: a later change by someone else is a conflict, not an overwrite. */
  revision: revisionNumber,
});

/** States in which staff may still correct a message's metadata. */
export const EDITABLE_BY_STAFF: readonly EditorialStatus[] = ['SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED'];

/** A moderator corrects title, description, language or themes (e.g. a typo) without sending the message back. */
export async function editMetadata(db: Db, actor: SignedInUser | null, videoId: string, input: z.infer<typeof metadataSchema>): Promise<void> {
  const user = requireCapability(actor, 'moderate');
  if (!z.uuid().safeParse(videoId).success) throw new ModerationError('notFound');
  await db.$transaction(async (tx) => {
    const current = await tx.video.findUnique({
      where: { id: videoId },
      select: { status: true, title: true, description: true, language: true, revision: true, municipalityIstat: true, themes: { select: { themeId: true } } },
    });
    if (!current || current.status === 'DRAFT') throw new ModerationError('notFound');
    if (!EDITABLE_BY_STAFF.includes(current.status)) throw new ModerationError('notAllowed');
    const currentThemes = current.themes.map((t) => t.themeId).sort((a, b) => a - b);
    const themes = [...new Set(input.themes)].sort((a, b) => a - b);
    const known = await tx.theme.findMany({ where: { id: { in: themes } }, select: { id: true, active: true } });
    if (known.length !== themes.length || known.some((t) => !t.active && !currentThemes.includes(t.id))) throw new ModerationError('notAllowed');
    const updated = await tx.video.updateMany({
      where: { id: videoId, revision: input.revision, status: current.status },
      data: { title: input.title, description: input.description, language: input.language },
    });
    if (updated.count !== 1) throw new ModerationError('conflict');
    await tx.videoTheme.deleteMany({ where: { videoId } });
    await tx.videoTheme.createMany({ data: themes.map((themeId) => ({ videoId, themeId })) });
    await recordAudit(tx, {
      actorId: user.id,
      action: 'message.edit',
      subjectType: 'message',
      subjectId: videoId,
      municipalityIstat: current.municipalityIstat,
      before: { title: current.title, description: current.description, language: current.language, themes: currentThemes },
      after: { title: input.title, description: input.description, language: input.language, themes },
    });
    await recordEvent(tx, { type: 'message.edited', aggregateId: videoId, municipalityIstat: current.municipalityIstat });
  });
}
