import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeBanner,
  activeServiceNotes,
  addServiceNote,
  bannerSchema,
  endBanner,
  postBanner,
  removeServiceNote,
  serviceNoteSchema,
} from '@/lib/admin/announcements';
import { createElectionPeriod, electionCreateSchema, electionPeriods, removeElectionPeriod } from '@/lib/admin/elections';
import { AdminError } from '@/lib/admin/errors';
import { notificationSetting, setNotificationSetting } from '@/lib/admin/settings';
import { setUserAccess } from '@/lib/admin/users';
import { userFromSessionToken } from '@/lib/auth/session';
import { activeTemplates, allTemplates, saveTemplate } from '@/lib/admin/templates';
import { createTheme as adminCreateTheme, themeCreateSchema, themesForAdmin, updateTheme } from '@/lib/admin/themes';
import { auditLog, auditRows } from '@/lib/audit';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { SignedInUser } from '@/lib/auth/session';
import { findPublishedVideo, publishedVideoPage } from '@/lib/catalog';
import { coverage } from '@/lib/coverage';
import { decide, decideMany, editMetadata, messageForStaff, ModerationError, moderationQueue, queueFilterSchema } from '@/lib/moderation';
import { enqueueDailyDigests } from '@/lib/notifications/editorial';
import { deliverMail, undeliveredMail } from '@/lib/notifications/outbox';
import type { JobWorker } from '@/lib/jobs/worker';
import type { OutgoingMail } from '@/lib/mail/send';
import { mediaVisibleTo } from '@/lib/uploads/access';
import { saveMessage, submitMessage } from '@/lib/messages/service';
import { createInvitations } from '@/lib/accounts/invitations';
import { retrySyncNow, SyncTransitionError } from '@/lib/youtube/sync-apply';
import { eventsHeard, startTestWorker } from '../support/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createReadyMedia, createTheme, createUser, createVideo, revisionOf } from '../support/fixtures';

let t: TestDatabase;
let themeId: number;
type Actor = Awaited<ReturnType<typeof createUser>>;
let mayorA: Actor;
let mayorB: Actor;
let moderator: Actor;
let otherModerator: Actor;
let admin: Actor;
let worker: JobWorker;

beforeAll(async () => {
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
  await createMunicipality(t.db, '001157', 'Moncenisio');
  await createMunicipality(t.db, '001259', "Sauze d'Oulx");
  themeId = (await createTheme(t.db, 'solidarieta', 'Solidarietà', 'Solidarity')).id;
  mayorA = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
  mayorB = await createUser(t.db, { role: 'MAYOR', municipality: '001157' });
  moderator = await createUser(t.db, { role: 'MODERATOR' });
  otherModerator = await createUser(t.db, { role: 'MODERATOR' });
  admin = await createUser(t.db, { role: 'ADMIN' });
  // Subscribers only: the mails they write stay in the outbox for these tests to read (and deliver by hand).
  worker = await startTestWorker(t, { kinds: ['event.deliver'] });
});
afterAll(async () => {
  await worker?.stop(1000);
  await t.drop();
});

const submitted = (title = `Messaggio ${Math.random()}`, municipality = '001272') =>
  createVideo(t.db, { municipality, title, status: 'SUBMITTED', themes: [themeId] });

async function mailsTo(email: string) {
  await eventsHeard(t);
  return t.db.mailOutbox.findMany({ where: { recipient: email }, orderBy: { id: 'asc' } });
}

describe('the audit trail', () => {
  it('cannot be changed, deleted or truncated, even with SQL from the application’s own database user', async () => {
    const video = await submitted();
    await decide(t.db, moderator.signedIn, video.id, {
      decision: 'requestChanges',
      reason: 'Audio troppo basso',
      expectedStatus: 'SUBMITTED',
      revision: await revisionOf(t.db, video.id),
    });
    const client = new pg.Client(t.url);
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM audit_event WHERE subject_id = $1', [video.id]);
      expect(Number(rows[0]!.count)).toBeGreaterThan(0);
      await expect(client.query("UPDATE audit_event SET reason = 'riscritto' WHERE subject_id = $1", [video.id])).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_event WHERE subject_id = $1', [video.id])).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
      await expect(client.query("UPDATE editorial_transition SET reason = 'riscritto' WHERE video_id = $1", [video.id])).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM editorial_transition WHERE video_id = $1', [video.id])).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
    const { rows } = await auditLog(t.db, moderator.signedIn, { subjectId: video.id });
    expect(rows.find((r) => r.action === 'message.requestChanges')).toMatchObject({
      reason: 'Audio troppo basso',
      before: { status: 'SUBMITTED' },
      after: { status: 'CHANGES_REQUESTED' },
      actor: { id: moderator.user.id },
    });
  });

  it('exports every row that matches, oldest first', async () => {
    const rows = [];
    for await (const row of auditRows(t.db, moderator.signedIn, { actorId: moderator.user.id }, 2)) rows.push(row);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.actor?.id === moderator.user.id)).toBe(true);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => (a < b ? -1 : 1)));
  });
});

describe('moderation', () => {
  it('publishes on approval, tells the mayors once, and records both steps', async () => {
    const video = await submitted('Consegna mascherine');
    const before = (await mailsTo(mayorA.user.email)).length;
    expect(
      await decide(t.db, moderator.signedIn, video.id, {
        decision: 'approve',
        reason: '',
        expectedStatus: 'SUBMITTED',
        revision: await revisionOf(t.db, video.id),
      }),
    ).toBe('PUBLISHED');
    expect(await findPublishedVideo(t.db, video.id)).not.toBeNull();
    const steps = await t.db.editorialTransition.findMany({ where: { videoId: video.id }, orderBy: { id: 'asc' } });
    expect(steps.slice(-2).map((s) => [s.event, s.actorId])).toEqual([
      ['approve', moderator.user.id],
      ['publish', moderator.user.id],
    ]);
    const mails = (await mailsTo(mayorA.user.email)).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Consegna mascherine');
    expect(mails[0]!.text).toContain(`/messaggi/${video.id}`);
  });

  it('sends the mayor the reason of a change request and a rejection', async () => {
    const video = await submitted('Volontari cercasi');
    await decide(t.db, moderator.signedIn, video.id, {
      decision: 'requestChanges',
      reason: 'Aggiungete il numero di telefono.',
      expectedStatus: 'SUBMITTED',
      revision: await revisionOf(t.db, video.id),
    });
    const mail = (await mailsTo(mayorA.user.email)).at(-1)!;
    expect(mail.kind).toBe('mayor.changes');
    expect(mail.text).toContain('Aggiungete il numero di telefono.');
    expect(mail.text).toContain(`/sindaco/messaggi/${video.id}`);
  });

  it('needs a reason to request changes, reject or withdraw', async () => {
    const video = await submitted();
    for (const decision of ['requestChanges', 'reject'] as const) {
      await expect(
        decide(t.db, moderator.signedIn, video.id, { decision, reason: '  ', expectedStatus: 'SUBMITTED', revision: await revisionOf(t.db, video.id) }),
      ).rejects.toMatchObject({
        code: 'reasonRequired',
      });
    }
    expect((await t.db.video.findUniqueOrThrow({ where: { id: video.id } })).status).toBe('SUBMITTED');
  });

  it('lets one of two moderators acting at once win and tells the other', async () => {
    const video = await submitted();
    const results = await Promise.allSettled([
      decide(t.db, moderator.signedIn, video.id, { decision: 'approve', reason: '', expectedStatus: 'SUBMITTED', revision: await revisionOf(t.db, video.id) }),
      decide(t.db, otherModerator.signedIn, video.id, {
        decision: 'reject',
        reason: 'Fuori tema',
        expectedStatus: 'SUBMITTED',
        revision: await revisionOf(t.db, video.id),
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ModerationError);
    expect((refused.reason as ModerationError).code).toBe('conflict');
    const decisions = await t.db.editorialTransition.count({ where: { videoId: video.id, event: { in: ['approve', 'reject'] } } });
    expect(decisions).toBe(1);
  });

  it('withdraws a published message with a reason and takes it off the portal', async () => {
    const video = await createVideo(t.db, { municipality: '001272', title: 'Da ritirare', status: 'PUBLISHED', themes: [themeId] });
    await decide(t.db, moderator.signedIn, video.id, {
      decision: 'withdraw',
      reason: 'Informazione superata',
      expectedStatus: 'PUBLISHED',
      revision: await revisionOf(t.db, video.id),
    });
    expect(await findPublishedVideo(t.db, video.id)).toBeNull();
    expect((await mailsTo(mayorA.user.email)).at(-1)!.kind).toBe('mayor.withdrawn');
  });

  it('applies a bulk decision to each message on its own and skips those that changed', async () => {
    const [a, b, c] = [await submitted(), await submitted(), await submitted()];
    await decide(t.db, otherModerator.signedIn, b.id, {
      decision: 'reject',
      reason: 'Doppione',
      expectedStatus: 'SUBMITTED',
      revision: await revisionOf(t.db, b.id),
    });
    const items = await Promise.all([a, b, c].map(async (v) => ({ id: v.id, revision: await revisionOf(t.db, v.id) })));
    const results = await decideMany(t.db, moderator.signedIn, { decision: 'approve', reason: '', items });
    expect(results).toEqual([
      { id: a.id, outcome: 'done' },
      { id: b.id, outcome: 'conflict' },
      { id: c.id, outcome: 'done' },
    ]);
    await expect(decideMany(t.db, moderator.signedIn, { decision: 'reject', reason: '', items: items.slice(0, 1) })).rejects.toMatchObject({
      code: 'reasonRequired',
    });
  });

  it('edits metadata, records before and after, and refuses a stale form', async () => {
    const video = await submitted('Titolo con refuso');
    const seen = await messageForStaff(t.db, moderator.signedIn, video.id);
    const input = { title: 'Titolo corretto', description: 'Testo', language: 'it' as const, themes: [themeId], revision: seen.revision };
    await editMetadata(t.db, moderator.signedIn, video.id, input);
    await expect(editMetadata(t.db, otherModerator.signedIn, video.id, { ...input, title: 'Altro titolo' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await t.db.video.findUniqueOrThrow({ where: { id: video.id } })).title).toBe('Titolo corretto');
    const edit = (await auditLog(t.db, moderator.signedIn, { subjectId: video.id, action: 'message.edit' })).rows[0]!;
    expect(edit.before).toMatchObject({ title: 'Titolo con refuso' });
    expect(edit.after).toMatchObject({ title: 'Titolo corretto' });
  });

  it('refuses a decision on a message the mayor changed after the moderator opened it, and publishes nothing unread', async () => {
    const media = await createReadyMedia(t.db, '001272');
    const id = await saveMessage(t.db, mayorA.signedIn, null, {
      title: 'Mascherine in piazza',
      description: 'Distribuzione sabato mattina.',
      themes: [themeId],
      language: 'it',
      mediaId: media.id,
      consentGiven: true,
      minorsShown: false,
      madeForKids: false,
      captions: null,
    });
    await submitMessage(t.db, mayorA.signedIn, id, 'DRAFT');
    const seen = await messageForStaff(t.db, moderator.signedIn, id);
    // While the moderator watches, the mayor swaps the file and the text.
    const other = await createReadyMedia(t.db, '001272');
    await saveMessage(t.db, mayorA.signedIn, id, {
      title: 'Tutt’altro messaggio',
      description: 'Contenuto mai visto dal moderatore.',
      themes: [themeId],
      language: 'it',
      mediaId: other.id,
      consentGiven: true,
      minorsShown: false,
      madeForKids: false,
      captions: null,
    });
    await expect(
      decide(t.db, moderator.signedIn, id, { decision: 'approve', reason: '', expectedStatus: 'SUBMITTED', revision: seen.revision }),
    ).rejects.toMatchObject({
      code: 'changed',
    });
    expect(await findPublishedVideo(t.db, id)).toBeNull();
    expect(await t.db.youtubeSync.count({ where: { videoId: id } })).toBe(0);
    // The mayor's edit is in the audit trail, with what changed under the moderator.
    const edit = (await auditLog(t.db, moderator.signedIn, { subjectId: id, action: 'message.update' })).rows[0]!;
    expect(edit.actor?.id).toBe(mayorA.user.id);
    expect(edit.before).toMatchObject({ title: 'Mascherine in piazza', mediaId: media.id, status: 'SUBMITTED' });
    expect(edit.after).toMatchObject({ title: 'Tutt’altro messaggio', mediaId: other.id });
    // Looking again, at the new revision, the decision goes through.
    const fresh = await messageForStaff(t.db, moderator.signedIn, id);
    expect(fresh.revision).toBeGreaterThan(seen.revision);
    expect(await decide(t.db, moderator.signedIn, id, { decision: 'approve', reason: '', expectedStatus: 'SUBMITTED', revision: fresh.revision })).toBe(
      'PUBLISHED',
    );
  });

  it('moves the revision in the database, whoever changes the content, and never back', async () => {
    const video = await submitted('Rivisto dal database');
    const before = await revisionOf(t.db, video.id);
    await t.db.$executeRaw`UPDATE video SET description = 'cambiata a mano' WHERE id = ${video.id}::uuid`;
    expect(await revisionOf(t.db, video.id)).toBe(before + 1);
    await t.db.$executeRaw`UPDATE video SET updated_at = now() WHERE id = ${video.id}::uuid`;
    expect(await revisionOf(t.db, video.id)).toBe(before + 1);
    await expect(t.db.$executeRaw`UPDATE video SET revision = 1 WHERE id = ${video.id}::uuid`).rejects.toThrow(/never goes back/);
    // Themes are rows of their own: adding, removing or changing one moves the revision too.
    const other = await createTheme(t.db, 'giovani', 'Giovani', 'Young people');
    await t.db.$executeRaw`UPDATE video_theme SET theme_id = ${other.id} WHERE video_id = ${video.id}::uuid`;
    expect(await revisionOf(t.db, video.id)).toBe(before + 2);
  });

  it('answers a decision on something that is not a message id as not found, not as an error', async () => {
    await expect(
      decide(t.db, moderator.signedIn, "1' OR '1'='1", { decision: 'approve', reason: '', expectedStatus: 'SUBMITTED', revision: 1 }),
    ).rejects.toMatchObject({
      code: 'notFound',
    });
  });

  it('filters the queue by state, comune, theme and age', async () => {
    const old = await submitted('Vecchio', '001157');
    await t.db.video.update({ where: { id: old.id }, data: { submittedAt: new Date(Date.now() - 8 * 86_400_000) } });
    const filter = queueFilterSchema.parse({ stato: 'SUBMITTED', comune: '001157', tema: 'solidarieta', eta: '7' });
    const { items } = await moderationQueue(t.db, moderator.signedIn, filter);
    expect(items.map((i) => i.id)).toEqual([old.id]);
    expect((await moderationQueue(t.db, moderator.signedIn, { ...filter, comune: '001272' })).items).toHaveLength(0);
  });
});

describe('notices of new submissions', () => {
  it('mails moderators who want them at once, and the others a daily digest', async () => {
    const daily = await createUser(t.db, { role: 'MODERATOR' });
    const silent = await createUser(t.db, { role: 'MODERATOR' });
    await setNotificationSetting(t.db, daily.signedIn, { notifySubmissions: 'DAILY' });
    await setNotificationSetting(t.db, silent.signedIn, { notifySubmissions: 'NONE' });
    expect(await notificationSetting(t.db, daily.signedIn)).toBe('DAILY');
    const video = await createVideo(t.db, { municipality: '001157', title: 'Spazio giovani', status: 'DRAFT', themes: [themeId] });
    const media = await t.db.mediaFile.create({
      data: {
        id: 'f'.repeat(32),
        uploaderId: mayorB.user.id,
        municipalityIstat: '001157',
        status: 'READY',
        originalName: 'a.mp4',
        sizeBytes: 1n,
        container: 'mp4',
        durationMs: 9000,
        sha256: '1'.repeat(64),
        finishedAt: new Date(),
      },
    });
    await t.db.video.update({ where: { id: video.id }, data: { mediaId: media.id, consentGiven: true } });
    await submitMessage(t.db, mayorB.signedIn, video.id, 'DRAFT');
    expect((await mailsTo(moderator.user.email)).at(-1)!.subject).toContain('Spazio giovani');
    expect(await mailsTo(daily.user.email)).toHaveLength(0);
    expect(await mailsTo(silent.user.email)).toHaveLength(0);

    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    expect(await enqueueDailyDigests(t.db, 'http://portal.test', tomorrow)).toBeGreaterThanOrEqual(1);
    const digest = await mailsTo(daily.user.email);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toContain('Moncenisio: Spazio giovani');
    expect(await enqueueDailyDigests(t.db, 'http://portal.test', tomorrow)).toBe(0);
  });

  it('delivers a mail of the outbox once, records a failure for staff and lets the queue try again', async () => {
    const mail = await t.db.mailOutbox.findFirstOrThrow({ where: { sentAt: null }, orderBy: { id: 'asc' } });
    const sent: OutgoingMail[] = [];
    // Queued but not yet tried: nothing for staff to worry about.
    expect((await undeliveredMail(t.db)).map((m) => m.id)).not.toContain(mail.id);
    const failing = async () => {
      throw new Error('SMTP 451 try later');
    };
    await expect(deliverMail(t.db, failing, mail.id)).rejects.toThrow('SMTP 451');
    expect((await undeliveredMail(t.db)).find((m) => m.id === mail.id)).toMatchObject({ lastError: 'SMTP 451 try later', attempts: 1 });
    const working = async (m: OutgoingMail) => {
      sent.push(m);
    };
    expect(await deliverMail(t.db, working, mail.id)).toBe('sent');
    expect(await deliverMail(t.db, working, mail.id)).toBe('already');
    expect(sent.map((m) => m.to)).toEqual([mail.recipient]);
    expect((await undeliveredMail(t.db)).map((m) => m.id)).not.toContain(mail.id);
  });
});

describe('administration', () => {
  it('refuses theme labels YouTube would refuse as playlist titles', async () => {
    for (const labelIt of ['<b>Salute</b>', 'Salute > tutto', 'Salute\u0000mentale']) {
      expect(themeCreateSchema.safeParse({ labelIt, labelEn: 'Health' }).success, labelIt).toBe(false);
    }
    expect(themeCreateSchema.safeParse({ labelIt: 'Salute e benessere', labelEn: 'Health' }).success).toBe(true);
  });

  it('renames and retires a theme without breaking its messages', async () => {
    const id = await adminCreateTheme(t.db, admin.signedIn, { labelIt: 'Salute mentale', labelEn: 'Mental health' });
    await expect(adminCreateTheme(t.db, admin.signedIn, { labelIt: 'Salute mentale', labelEn: 'Again' })).rejects.toMatchObject({ code: 'themeExists' });
    const video = await createVideo(t.db, { municipality: '001272', title: 'Supporto psicologico', status: 'PUBLISHED', themes: [id] });
    await updateTheme(t.db, admin.signedIn, { id, labelIt: 'Supporto psicologico', labelEn: 'Psychological support', active: false, position: 9 });
    const theme = (await themesForAdmin(t.db, admin.signedIn)).find((th) => th.id === id)!;
    expect(theme).toMatchObject({ slug: 'salute-mentale', labelIt: 'Supporto psicologico', active: false });
    const { items } = await publishedVideoPage(t.db, { theme: 'salute-mentale', page: 1, pageSize: 10 });
    expect(items.map((v) => v.id)).toContain(video.id);
    expect((await auditLog(t.db, moderator.signedIn, { subjectType: 'theme', subjectId: String(id) })).rows.map((r) => r.action)).toContain('theme.retire');
  });

  it('puts comuni in an election period and hides their messages only if asked', async () => {
    const visible = await createVideo(t.db, { municipality: '001259', title: 'Sauze resta visibile', status: 'PUBLISHED', themes: [themeId] });
    const today = new Date().toISOString().slice(0, 10);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await createElectionPeriod(
      t.db,
      admin.signedIn,
      '001',
      electionCreateSchema.parse({ comune: '001259', startsOn: today, endsOn: inAWeek, hidePublished: false, note: '' }),
    );
    expect(await findPublishedVideo(t.db, visible.id)).not.toBeNull();
    const hiddenVideo = await createVideo(t.db, { municipality: '001157', title: 'Moncenisio nascosto', status: 'PUBLISHED', themes: [themeId] });
    const media = await t.db.video.findUniqueOrThrow({ where: { id: hiddenVideo.id }, select: { mediaId: true } });
    expect(await mediaVisibleTo(t.db, null, media.mediaId!)).not.toBeNull();
    await createElectionPeriod(
      t.db,
      admin.signedIn,
      '001',
      electionCreateSchema.parse({ comune: '001157', startsOn: today, endsOn: inAWeek, hidePublished: true, note: 'Comunali' }),
    );
    expect(await findPublishedVideo(t.db, hiddenVideo.id)).toBeNull();
    expect(await mediaVisibleTo(t.db, null, media.mediaId!)).toBeNull();
    expect(await mediaVisibleTo(t.db, moderator.signedIn, media.mediaId!)).not.toBeNull();
    const period = (await electionPeriods(t.db, admin.signedIn)).find((p) => p.municipality.istatCode === '001157')!;
    await removeElectionPeriod(t.db, admin.signedIn, period.id);
    expect(await findPublishedVideo(t.db, hiddenVideo.id)).not.toBeNull();
    await expect(
      createElectionPeriod(
        t.db,
        admin.signedIn,
        '001',
        electionCreateSchema.parse({ comune: '001157', startsOn: inAWeek, endsOn: today, hidePublished: false, note: '' }),
      ),
    ).rejects.toMatchObject({ code: 'dates' });
    const all = await createElectionPeriod(
      t.db,
      admin.signedIn,
      '001',
      electionCreateSchema.parse({ comune: '*', startsOn: inAWeek, endsOn: inAWeek, hidePublished: false, note: '' }),
    );
    expect(all).toBe(await t.db.municipality.count({ where: { areaCode: '001' } }));
  });

  it('shows a banner until it expires or is ended, and one at a time', async () => {
    const now = new Date();
    const first = await postBanner(
      t.db,
      admin.signedIn,
      bannerSchema.parse({ textIt: 'Allerta meteo', textEn: 'Weather alert', url: '', expiresAt: '2099-01-01T10:00' }),
      now,
    );
    expect((await activeBanner(t.db, now))?.id).toBe(first);
    expect(await activeBanner(t.db, new Date('2099-01-01T10:00:00Z'))).toBeNull();
    const second = await postBanner(
      t.db,
      admin.signedIn,
      bannerSchema.parse({ textIt: 'Nuovo avviso', textEn: 'New notice', url: 'https://www.cittametropolitana.torino.it', expiresAt: '2099-01-01T10:00' }),
      new Date(now.getTime() + 1000),
    );
    expect((await activeBanner(t.db, new Date(now.getTime() + 2000)))?.id).toBe(second);
    await endBanner(t.db, admin.signedIn, second, new Date(now.getTime() + 3000));
    expect(await activeBanner(t.db, new Date(now.getTime() + 4000))).toBeNull();
    await expect(
      postBanner(t.db, admin.signedIn, bannerSchema.parse({ textIt: 'Scaduto', textEn: 'Expired', url: '', expiresAt: '2000-01-01T10:00' })),
    ).rejects.toBeInstanceOf(AdminError);
    expect(bannerSchema.safeParse({ textIt: 'Avviso', textEn: 'Notice', url: 'javascript:alert(1)', expiresAt: '2099-01-01T10:00' }).success).toBe(false);
  });

  it('shows a service note on its comune until its last day', async () => {
    const until = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const id = await addServiceNote(
      t.db,
      admin.signedIn,
      '001',
      serviceNoteSchema.parse({ comune: '001157', text: 'Spesa a domicilio: tel. 0122 000000', url: '', validUntil: until }),
    );
    expect((await activeServiceNotes(t.db, '001157')).map((n) => n.id)).toContain(id);
    expect(await activeServiceNotes(t.db, '001157', new Date(Date.now() + 4 * 86_400_000))).toHaveLength(0);
    expect(await removeServiceNote(t.db, admin.signedIn, id)).toBe('001157');
    expect(await activeServiceNotes(t.db, '001157')).toHaveLength(0);
  });

  it('keeps reason templates editable by moderators and offers only those in use', async () => {
    const id = await saveTemplate(t.db, moderator.signedIn, {
      kind: 'reject',
      title: 'Contenuto elettorale',
      text: 'Il messaggio contiene propaganda elettorale.',
      active: true,
    });
    expect((await activeTemplates(t.db, moderator.signedIn)).map((tpl) => tpl.id)).toContain(id);
    await saveTemplate(t.db, moderator.signedIn, { id, kind: 'reject', title: 'Contenuto elettorale', text: 'Testo nuovo', active: false });
    expect((await activeTemplates(t.db, moderator.signedIn)).map((tpl) => tpl.id)).not.toContain(id);
    expect((await allTemplates(t.db, moderator.signedIn)).find((tpl) => tpl.id === id)?.text).toBe('Testo nuovo');
  });

  it('turns an account off (ending its sessions) and back on, but never the admin’s own', async () => {
    const leaving = await createUser(t.db, { role: 'MAYOR', municipality: '001157' });
    await setUserAccess(t.db, admin.signedIn, { id: leaving.user.id, enabled: false });
    expect(await userFromSessionToken(t.db, leaving.sessionToken)).toBeNull();
    expect(await t.db.session.count({ where: { userId: leaving.user.id } })).toBe(0);
    await setUserAccess(t.db, admin.signedIn, { id: leaving.user.id, enabled: true });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: leaving.user.id } })).disabledAt).toBeNull();
    await expect(setUserAccess(t.db, admin.signedIn, { id: admin.user.id, enabled: false })).rejects.toMatchObject({ code: 'notAllowed' });
    expect((await auditLog(t.db, moderator.signedIn, { subjectId: leaving.user.id })).rows.map((r) => r.action)).toEqual(['user.enable', 'user.disable']);
  });

  it('counts coverage per comune', async () => {
    const { rows, summary } = await coverage(t.db, moderator.signedIn, '001', { ordina: 'state', verso: 'asc', stato: '' });
    const torino = rows.find((r) => r.istatCode === '001272')!;
    expect(torino.state).toBe('published');
    expect(torino.published).toBeGreaterThan(0);
    expect(summary.total).toBe(rows.length);
    expect(summary.published + summary.waiting + summary.none).toBe(summary.total);
  });
});

describe('who may do what (every staff service × every kind of user)', () => {
  type Call = (user: SignedInUser | null) => Promise<unknown>;
  let video: { id: string };
  beforeAll(async () => {
    video = await submitted('Matrice');
  });
  const calls: Array<{ name: string; level: 'moderate' | 'administer'; call: Call }> = [
    { name: 'moderationQueue', level: 'moderate', call: (u) => moderationQueue(t.db, u, queueFilterSchema.parse({})) },
    { name: 'messageForStaff', level: 'moderate', call: (u) => messageForStaff(t.db, u, video.id) },
    {
      name: 'decide',
      level: 'moderate',
      call: (u) =>
        decide(t.db, u, video.id, { decision: 'requestChanges', reason: 'x', expectedStatus: 'APPROVED', revision: 1 }).catch((e: unknown) => {
          if (!(e instanceof ModerationError)) throw e;
        }),
    },
    {
      name: 'decideMany',
      level: 'moderate',
      call: (u) => decideMany(t.db, u, { decision: 'reject', reason: 'x', items: [{ id: crypto.randomUUID(), revision: 1 }] }),
    },
    {
      name: 'editMetadata',
      level: 'moderate',
      call: (u) =>
        editMetadata(t.db, u, video.id, { title: 'x', description: '', language: 'it', themes: [themeId], revision: 1 }).catch((e: unknown) => {
          if (!(e instanceof ModerationError)) throw e;
        }),
    },
    { name: 'coverage', level: 'moderate', call: (u) => coverage(t.db, u, '001', { ordina: 'name', verso: 'asc', stato: '' }) },
    { name: 'activeTemplates', level: 'moderate', call: (u) => activeTemplates(t.db, u) },
    {
      name: 'saveTemplate',
      level: 'moderate',
      call: (u) => saveTemplate(t.db, u, { kind: 'reject', title: 'Matrice', text: 'Testo di prova', active: false }),
    },
    { name: 'notificationSetting', level: 'moderate', call: (u) => notificationSetting(t.db, u) },
    { name: 'themesForAdmin', level: 'administer', call: (u) => themesForAdmin(t.db, u) },
    {
      name: 'createTheme',
      level: 'administer',
      call: (u) => adminCreateTheme(t.db, u, { labelIt: `Tema ${crypto.randomUUID().slice(0, 8)}`, labelEn: 'Theme' }),
    },
    { name: 'electionPeriods', level: 'administer', call: (u) => electionPeriods(t.db, u) },
    {
      name: 'createElectionPeriod',
      level: 'administer',
      call: (u) =>
        createElectionPeriod(
          t.db,
          u,
          '001',
          electionCreateSchema.parse({ comune: '001272', startsOn: '2099-01-01', endsOn: '2099-01-02', hidePublished: false, note: '' }),
        ),
    },
    {
      name: 'postBanner',
      level: 'administer',
      call: (u) => postBanner(t.db, u, bannerSchema.parse({ textIt: 'Prova', textEn: 'Test', url: '', expiresAt: '2099-01-01T10:00' })),
    },
    { name: 'setUserAccess', level: 'administer', call: (u) => setUserAccess(t.db, u, { id: mayorB.user.id, enabled: true }) },
    {
      name: 'addServiceNote',
      level: 'administer',
      call: (u) => addServiceNote(t.db, u, '001', serviceNoteSchema.parse({ comune: '001272', text: 'Nota di prova', url: '', validUntil: '2099-01-01' })),
    },
    { name: 'auditLog', level: 'moderate', call: (u) => auditLog(t.db, u, {}) },
    {
      name: 'auditRows',
      level: 'moderate',
      call: async (u) => {
        for await (const row of auditRows(t.db, u, {}, 10)) void row;
      },
    },
    {
      name: 'retrySyncNow',
      level: 'moderate',
      call: (u) =>
        retrySyncNow(t.db, u, video.id).catch((e: unknown) => {
          if (!(e instanceof SyncTransitionError)) throw e;
        }),
    },
    {
      name: 'createInvitations',
      level: 'administer',
      call: (u) =>
        createInvitations(
          t.db,
          u,
          [{ email: `nuovo-${crypto.randomUUID()}@test.invalid`, name: 'Nuovo', role: 'ADMIN', istatCode: null, line: 1 }],
          'http://portal.test',
        ),
    },
  ];
  const users = () => ({ anonymous: null, 'mayor of A': mayorA.signedIn, 'mayor of B': mayorB.signedIn, moderator: moderator.signedIn, admin: admin.signedIn });
  const allowed = { moderate: ['moderator', 'admin'], administer: ['admin'] };

  for (const { name, level, call } of calls) {
    it(`${name}: only ${allowed[level].join(' and ')}`, async () => {
      for (const [who, user] of Object.entries(users())) {
        const outcome = await call(user).then(
          () => 'allowed',
          (e: unknown) => (e instanceof ForbiddenError ? 'forbidden' : Promise.reject(e)),
        );
        expect(outcome, `${name} as ${who}`).toBe(allowed[level].includes(who) ? 'allowed' : 'forbidden');
      }
    });
  }
});
