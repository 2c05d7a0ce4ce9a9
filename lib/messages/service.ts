import { createHash } from 'node:crypto';
import { recordAudit } from '../audit';
import { answerableCall } from '../calls';
import { mayorsComune } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import { applyEditorialEvent, EditorialTransitionError } from '../editorial/apply';
import { EDITORIAL_TIMELINE } from '../editorial/timeline';
import { activeElection } from '../elections';
import type { EditorialStatus } from '../generated/prisma/enums';
import { parseCaptions } from './captions';
import { missingForSubmission, type MessageForm } from './form';

/*
 * What a mayor can do with their comune's messages: write and edit (until a
 * moderator approves), submit, withdraw. Every function checks on the server
 * that the caller is a mayor of the message's comune.
 */

export const EDITABLE_STATUSES: readonly EditorialStatus[] = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED'];

export type MessageErrorCode =
  | 'forbidden'
  | 'notFound'
  | 'notEditable'
  | 'conflict'
  | 'election'
  | 'mediaRequired'
  | 'mediaNotReady'
  | 'consentRequired'
  | 'themeUnknown'
  | 'captionsEmpty'
  | 'captionsFormat'
  | 'captionsTiming'
  | 'captionsTooLarge'
  | 'callClosed';

export class MessageActionError extends Error {
  constructor(
    readonly code: MessageErrorCode,
    readonly params: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'MessageActionError';
  }
}

function mayorComune(user: SignedInUser | null): string {
  const comune = mayorsComune(user);
  if (!comune) throw new MessageActionError('forbidden');
  return comune;
}

async function ownVideo(db: Db, user: SignedInUser | null, videoId: string) {
  const comune = mayorComune(user);
  const video = await db.video.findUnique({
    where: { id: videoId },
    select: { id: true, status: true, municipalityIstat: true, mediaId: true, consentGiven: true },
  });
  // Another comune's message is reported as missing, not as forbidden: its existence is not the caller's business.
  if (!video || video.municipalityIstat !== comune) throw new MessageActionError('notFound');
  return video;
}

async function electionBlock(db: Db, comune: string): Promise<void> {
  const election = await activeElection(db, comune);
  if (election) throw new MessageActionError('election', { until: election.endsOn.toISOString().slice(0, 10) });
}

const CONTENT = {
  title: true,
  description: true,
  language: true,
  mediaId: true,
  captions: true,
  consentGiven: true,
  minorsShown: true,
  madeForKids: true,
  revision: true,
  status: true,
  themes: { select: { themeId: true } },
} as const;

/** What a moderator judges, as the audit trail keeps it (captions by their hash: they can be half a megabyte). */
async function contentSnapshot(tx: Tx, videoId: string) {
  const row = await tx.video.findUniqueOrThrow({ where: { id: videoId }, select: CONTENT });
  const { captions, themes, ...rest } = row;
  return {
    ...rest,
    captionsSha256: captions === null ? null : createHash('sha256').update(captions).digest('hex'),
    themes: themes.map((t) => t.themeId).sort((a, b) => a - b),
  };
}

/**
 * Creates (videoId null) or updates a message's text, themes, file and
 * captions; returns its id. Every change is an audit event with the content
 * before and after: a mayor may still edit a submitted message, and the
 * moderators' log must show what changed under them (their decision then
 * names the revision it was taken on, lib/moderation).
 */
export async function saveMessage(
  db: Db,
  user: SignedInUser | null,
  videoId: string | null,
  form: MessageForm,
  options: { callId?: number | null } = {},
): Promise<string> {
  const comune = mayorComune(user);
  // A new message may answer a call that asks the comune and is still open (the database checks the first too).
  let callId: number | null = null;
  if (!videoId && options.callId) {
    callId = (await answerableCall(db, user, options.callId))?.id ?? null;
    if (!callId) throw new MessageActionError('callClosed');
  }
  const current = videoId ? await ownVideo(db, user, videoId) : null;
  if (current && !EDITABLE_STATUSES.includes(current.status)) throw new MessageActionError('notEditable');

  const currentThemes = current ? (await db.videoTheme.findMany({ where: { videoId: current.id }, select: { themeId: true } })).map((t) => t.themeId) : [];
  const themes = await db.theme.findMany({ where: { id: { in: form.themes } }, select: { id: true, active: true } });
  // A retired theme may stay on a message that already had it, but cannot be chosen anew.
  if (themes.length !== new Set(form.themes).size || themes.some((t) => !t.active && !currentThemes.includes(t.id)))
    throw new MessageActionError('themeUnknown');

  if (form.mediaId && form.mediaId !== current?.mediaId) {
    const media = await db.mediaFile.findUnique({
      where: { id: form.mediaId },
      select: { status: true, municipalityIstat: true, video: { select: { id: true } } },
    });
    if (!media || media.municipalityIstat !== comune || (media.video && media.video.id !== current?.id)) throw new MessageActionError('notFound');
    if (media.status !== 'READY') throw new MessageActionError('mediaNotReady');
  }
  if (current && current.status !== 'DRAFT') {
    const [missing] = missingForSubmission(form);
    if (missing) throw new MessageActionError(missing);
  }

  let captions: string | null | undefined;
  if (form.captions === '') captions = null;
  else if (form.captions !== null) {
    const parsed = parseCaptions(form.captions);
    if (!parsed.ok) throw new MessageActionError(parsed.error);
    captions = parsed.vtt;
  }

  const data = {
    title: form.title,
    description: form.description,
    language: form.language,
    mediaId: form.mediaId,
    consentGiven: form.consentGiven,
    minorsShown: form.minorsShown,
    madeForKids: form.madeForKids,
    ...(captions !== undefined ? { captions } : {}),
  };
  const audit = { actorId: user!.id, subjectType: 'message', municipalityIstat: comune } as const;
  return db.$transaction(async (tx) => {
    if (!current) {
      const created = await tx.video.create({
        data: { ...data, municipalityIstat: comune, authorId: user!.id, callId, themes: { create: form.themes.map((themeId) => ({ themeId })) } },
        select: { id: true },
      });
      await recordAudit(tx, { ...audit, action: 'message.create', subjectId: created.id, after: { ...(await contentSnapshot(tx, created.id)), callId } });
      return created.id;
    }
    const before = await contentSnapshot(tx, current.id);
    // Only while still editable: a moderator may have approved it since the form was opened.
    const updated = await tx.video.updateMany({ where: { id: current.id, status: { in: [...EDITABLE_STATUSES] } }, data });
    if (updated.count !== 1) throw new MessageActionError('notEditable');
    const themes = [...new Set(form.themes)].sort((a, b) => a - b);
    if (themes.join() !== before.themes.join()) {
      await tx.videoTheme.deleteMany({ where: { videoId: current.id } });
      await tx.videoTheme.createMany({ data: themes.map((themeId) => ({ videoId: current.id, themeId })) });
    }
    const after = await contentSnapshot(tx, current.id);
    // The database moves the revision when the content changes: a save that changed nothing is no event.
    if (after.revision !== before.revision) await recordAudit(tx, { ...audit, action: 'message.update', subjectId: current.id, before, after });
    return current.id;
  });
}

/** Sends a draft (or a message sent back for changes) to the moderators. */
export async function submitMessage(db: Db, user: SignedInUser | null, videoId: string, expectedStatus: EditorialStatus): Promise<void> {
  const video = await ownVideo(db, user, videoId);
  if (video.status !== expectedStatus) throw new MessageActionError('conflict');
  await electionBlock(db, video.municipalityIstat);
  if (!video.mediaId) throw new MessageActionError('mediaRequired');
  const media = await db.mediaFile.findUnique({ where: { id: video.mediaId }, select: { status: true } });
  if (media?.status !== 'READY') throw new MessageActionError('mediaNotReady');
  if (!video.consentGiven) throw new MessageActionError('consentRequired');
  try {
    await applyEditorialEvent(db, { videoId, event: 'submit', actorId: user!.id, expectedStatus });
  } catch (error) {
    if (error instanceof EditorialTransitionError) throw new MessageActionError(error.code === 'conflict' ? 'conflict' : 'notEditable');
    // The database's own election guard fired if a period started since the check above: say so the same way.
    await electionBlock(db, video.municipalityIstat);
    throw error;
  }
}

export async function withdrawMessage(db: Db, user: SignedInUser | null, videoId: string, expectedStatus: EditorialStatus): Promise<void> {
  await ownVideo(db, user, videoId);
  try {
    await applyEditorialEvent(db, { videoId, event: 'withdraw', actorId: user!.id, expectedStatus });
  } catch (error) {
    if (error instanceof EditorialTransitionError) throw new MessageActionError(error.code === 'conflict' ? 'conflict' : 'notEditable');
    throw error;
  }
}

/** The comune's messages for the mayor's dashboard, newest first, each with its timeline. */
export async function municipalityMessages(db: Db, user: SignedInUser | null) {
  const comune = mayorComune(user);
  return db.video.findMany({
    where: { municipalityIstat: comune, isDemo: false },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      title: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      media: { select: { status: true, durationMs: true } },
      transitions: EDITORIAL_TIMELINE,
    },
  });
}

/** One message as its comune's mayors see it, or notFound. */
export async function messageForMayor(db: Db, user: SignedInUser | null, videoId: string) {
  const comune = mayorComune(user);
  const message = await db.video.findFirst({
    where: { id: videoId, municipalityIstat: comune },
    select: {
      id: true,
      title: true,
      description: true,
      language: true,
      status: true,
      mediaId: true,
      captions: true,
      consentGiven: true,
      minorsShown: true,
      madeForKids: true,
      updatedAt: true,
      themes: { select: { themeId: true } },
      media: { select: { id: true, status: true, originalName: true, durationMs: true, width: true, height: true, videoCodec: true, sizeBytes: true } },
      transitions: EDITORIAL_TIMELINE,
    },
  });
  if (!message) throw new MessageActionError('notFound');
  return message;
}
