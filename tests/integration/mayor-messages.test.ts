import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitations, InvitationRejected, MAX_INVITATIONS, parseInvitationCsv } from '@/lib/accounts/invitations';
import { isInvited } from '@/lib/auth/invited';
import { takeRateLimit } from '@/lib/auth/rate-limit';
import { userFromSessionToken } from '@/lib/auth/session';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { messageFormSchema, type MessageForm } from '@/lib/messages/form';
import { messageForMayor, municipalityMessages, saveMessage, submitMessage, withdrawMessage } from '@/lib/messages/service';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createReadyMedia, createTheme, createUser } from '../support/fixtures';

let t: TestDatabase;
let themeId: number;
let mayorA: Awaited<ReturnType<typeof createUser>>;
let mayorB: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
  await createMunicipality(t.db, '001157', 'Moncenisio');
  themeId = (await createTheme(t.db, 'solidarieta', 'Solidarietà', 'Solidarity')).id;
  mayorA = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
  mayorB = await createUser(t.db, { role: 'MAYOR', municipality: '001157' });
  moderator = await createUser(t.db, { role: 'MODERATOR' });
});
afterAll(() => t.drop());

async function form(overrides: Partial<MessageForm> = {}): Promise<MessageForm> {
  const media = await createReadyMedia(t.db, '001272');
  return {
    title: 'Spesa a domicilio',
    description: 'Chiamate il numero del comune.',
    themes: [themeId],
    language: 'it',
    mediaId: media.id,
    consentGiven: true,
    minorsShown: false,
    madeForKids: false,
    captions: null,
    ...overrides,
  };
}

describe('the message form', () => {
  it('refuses markup in the title and says why', () => {
    const parsed = messageFormSchema.safeParse({
      title: '<script>alert(1)</script>',
      description: '',
      themes: [1],
      language: 'it',
      mediaId: null,
      consentGiven: true,
      minorsShown: false,
      madeForKids: false,
      captions: null,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('angleBrackets');
  });

  it('keeps the limits YouTube has: 100 characters of title, 1 to 3 themes', () => {
    const base = { description: '', language: 'it', mediaId: null, consentGiven: false, minorsShown: false, madeForKids: false, captions: null };
    expect(messageFormSchema.safeParse({ ...base, title: 'x'.repeat(101), themes: [1] }).error?.issues[0]?.message).toBe('titleTooLong');
    expect(messageFormSchema.safeParse({ ...base, title: 'ok', themes: [1, 2, 3, 4] }).error?.issues[0]?.message).toBe('themesCount');
    expect(messageFormSchema.safeParse({ ...base, title: 'ok', themes: [] }).error?.issues[0]?.message).toBe('themesCount');
  });
});

describe('a mayor’s messages', () => {
  it('go from draft to submitted, with the timeline on the dashboard', async () => {
    const id = await saveMessage(t.db, mayorA.signedIn, null, await form());
    await submitMessage(t.db, mayorA.signedIn, id, 'DRAFT');
    const list = await municipalityMessages(t.db, mayorA.signedIn);
    const row = list.find((m) => m.id === id)!;
    expect(row.status).toBe('SUBMITTED');
    expect(row.transitions.map((s) => s.to)).toEqual(['SUBMITTED']);
    expect(row.transitions[0]!.actor?.name).toBe(mayorA.user.name);
  });

  it('stays editable until approved, then not', async () => {
    const id = await saveMessage(t.db, mayorA.signedIn, null, await form());
    await submitMessage(t.db, mayorA.signedIn, id, 'DRAFT');
    const current = await messageForMayor(t.db, mayorA.signedIn, id);
    await saveMessage(t.db, mayorA.signedIn, id, await form({ title: 'Spesa a domicilio — orari nuovi', mediaId: current.mediaId }));
    expect((await t.db.video.findUniqueOrThrow({ where: { id } })).title).toBe('Spesa a domicilio — orari nuovi');
    await applyEditorialEvent(t.db, { videoId: id, event: 'approve', actorId: moderator.user.id });
    await expect(saveMessage(t.db, mayorA.signedIn, id, await form({ mediaId: current.mediaId }))).rejects.toMatchObject({ code: 'notEditable' });
  });

  it('resubmits after changes were requested, with the moderator’s reason in the timeline', async () => {
    const id = await saveMessage(t.db, mayorA.signedIn, null, await form());
    await submitMessage(t.db, mayorA.signedIn, id, 'DRAFT');
    await applyEditorialEvent(t.db, { videoId: id, event: 'requestChanges', actorId: moderator.user.id, reason: 'Aggiungete il numero di telefono' });
    await submitMessage(t.db, mayorA.signedIn, id, 'CHANGES_REQUESTED');
    const message = await messageForMayor(t.db, mayorA.signedIn, id);
    expect(message.transitions.map((s) => [s.to, s.reason])).toEqual([
      ['SUBMITTED', null],
      ['CHANGES_REQUESTED', 'Aggiungete il numero di telefono'],
      ['SUBMITTED', null],
    ]);
  });

  it('is submitted once when two tabs submit the same draft', async () => {
    const id = await saveMessage(t.db, mayorA.signedIn, null, await form());
    const results = await Promise.allSettled([submitMessage(t.db, mayorA.signedIn, id, 'DRAFT'), submitMessage(t.db, mayorA.signedIn, id, 'DRAFT')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
    expect(await t.db.editorialTransition.count({ where: { videoId: id, to: 'SUBMITTED' } })).toBe(1);
  });

  it('cannot be submitted without a file or without the consent declaration', async () => {
    const noMedia = await saveMessage(t.db, mayorA.signedIn, null, await form({ mediaId: null }));
    await expect(submitMessage(t.db, mayorA.signedIn, noMedia, 'DRAFT')).rejects.toMatchObject({ code: 'mediaRequired' });
    const noConsent = await saveMessage(t.db, mayorA.signedIn, null, await form({ consentGiven: false }));
    await expect(submitMessage(t.db, mayorA.signedIn, noConsent, 'DRAFT')).rejects.toMatchObject({ code: 'consentRequired' });
    // The database refuses it too, whatever the application does.
    await expect(t.db.$executeRaw`UPDATE video SET status = 'SUBMITTED' WHERE id = ${noConsent}::uuid`).rejects.toThrow(
      /video_submitted_has_media_and_consent/,
    );
  });

  it('refuses captions that are not WebVTT or SRT, and stores SRT as WebVTT', async () => {
    await expect(saveMessage(t.db, mayorA.signedIn, null, await form({ captions: '<html>non sono sottotitoli</html>' }))).rejects.toMatchObject({
      code: 'captionsFormat',
    });
    const id = await saveMessage(t.db, mayorA.signedIn, null, await form({ captions: '1\n00:00:01,000 --> 00:00:03,500\nBuongiorno a tutti\n' }));
    expect((await t.db.video.findUniqueOrThrow({ where: { id } })).captions).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nBuongiorno a tutti\n');
  });

  it('can be withdrawn by its mayor', async () => {
    const id = await saveMessage(t.db, mayorA.signedIn, null, await form());
    await withdrawMessage(t.db, mayorA.signedIn, id, 'DRAFT');
    expect((await t.db.video.findUniqueOrThrow({ where: { id } })).status).toBe('WITHDRAWN');
  });
});

describe('authorization', () => {
  it('hides comune A’s messages from the mayor of comune B, and lets anonymous and staff change nothing', async () => {
    const id = await saveMessage(t.db, mayorA.signedIn, null, await form());
    await expect(messageForMayor(t.db, mayorB.signedIn, id)).rejects.toMatchObject({ code: 'notFound' });
    await expect(saveMessage(t.db, mayorB.signedIn, id, await form())).rejects.toMatchObject({ code: 'notFound' });
    await expect(submitMessage(t.db, mayorB.signedIn, id, 'DRAFT')).rejects.toMatchObject({ code: 'notFound' });
    await expect(withdrawMessage(t.db, mayorB.signedIn, id, 'DRAFT')).rejects.toMatchObject({ code: 'notFound' });
    await expect(saveMessage(t.db, null, id, await form())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(submitMessage(t.db, moderator.signedIn, id, 'DRAFT')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await municipalityMessages(t.db, mayorB.signedIn)).map((m) => m.id)).not.toContain(id);
  });

  it('does not let a mayor attach another comune’s upload', async () => {
    const foreign = await createReadyMedia(t.db, '001157');
    await expect(saveMessage(t.db, mayorA.signedIn, null, await form({ mediaId: foreign.id }))).rejects.toMatchObject({ code: 'notFound' });
  });

  it('reads the session fresh: a disabled user or an expired session is signed out', async () => {
    const user = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
    expect(await userFromSessionToken(t.db, user.sessionToken)).toMatchObject({ role: 'MAYOR', municipalityIstat: '001272' });
    await t.db.user.update({ where: { id: user.user.id }, data: { disabledAt: new Date() } });
    expect(await userFromSessionToken(t.db, user.sessionToken)).toBeNull();
    const other = await createUser(t.db, { role: 'ADMIN' });
    expect(await userFromSessionToken(t.db, other.sessionToken, new Date(Date.now() + 2 * 3600_000))).toBeNull();
  });
});

describe('election blackout (par condicio)', () => {
  it('stops submission while a period runs, says until when, and the database agrees', async () => {
    const id = await saveMessage(t.db, mayorB.signedIn, null, { ...(await form()), mediaId: (await createReadyMedia(t.db, '001157')).id });
    const today = new Date();
    const endsOn = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 10));
    await t.db.electionPeriod.create({
      data: { municipalityIstat: '001157', startsOn: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1)), endsOn },
    });
    await expect(submitMessage(t.db, mayorB.signedIn, id, 'DRAFT')).rejects.toMatchObject({
      code: 'election',
      params: { until: endsOn.toISOString().slice(0, 10) },
    });
    await expect(applyEditorialEvent(t.db, { videoId: id, event: 'submit' })).rejects.toThrow(/election period/);
    expect((await t.db.video.findUniqueOrThrow({ where: { id } })).status).toBe('DRAFT');
    await t.db.electionPeriod.deleteMany({ where: { municipalityIstat: '001157' } });
    await submitMessage(t.db, mayorB.signedIn, id, 'DRAFT');
  });
});

describe('invitations', () => {
  it('imports a good CSV (Italian headers, semicolons) and lets those addresses sign in', async () => {
    const csv = 'email;nome;ruolo;istat\nsindaca@moncenisio.it;Anna Rossi;sindaco;1157\nstaff@cittametropolitana.torino.it;Luca Bianchi;MODERATORE;\n';
    const parsed = parseInvitationCsv(csv);
    expect(parsed.errors).toEqual([]);
    const admin = await createUser(t.db, { role: 'ADMIN' });
    const created = await createInvitations(t.db, admin.signedIn, parsed.invitations, 'http://portal.test');
    expect(await isInvited(t.db, 'SINDACA@moncenisio.it')).toBe(true);
    // Each invitation is in the audit trail, by whom, with the role it gives; its mail waits in the outbox.
    const audit = await t.db.auditEvent.findMany({ where: { action: 'user.invite', subjectId: { in: created.map((u) => u.id) } } });
    expect(audit.map((a) => [a.actorId, (a.after as { role: string }).role]).sort()).toEqual([
      [admin.user.id, 'MAYOR'],
      [admin.user.id, 'MODERATOR'],
    ]);
    expect(
      await t.db.mailOutbox.count({ where: { kind: 'invitation', recipient: { in: ['sindaca@moncenisio.it', 'staff@cittametropolitana.torino.it'] } } }),
    ).toBe(2);
    expect(await t.db.user.findUniqueOrThrow({ where: { email: 'sindaca@moncenisio.it' } })).toMatchObject({ role: 'MAYOR', municipalityIstat: '001157' });
    expect(await isInvited(t.db, 'sconosciuto@example.com')).toBe(false);
  });

  it('imports a whole area at once: thousands of rows, each an account, an audit event and a mail', async () => {
    const rows = Array.from({ length: MAX_INVITATIONS }, (_, i) => `sindaco${i}@area-intera.it,Sindaco ${i},MAYOR,001272`);
    const parsed = parseInvitationCsv(['email,name,role,istat', ...rows].join('\n'));
    expect(parsed.errors).toEqual([]);
    const admin = await createUser(t.db, { role: 'ADMIN' });
    const created = await createInvitations(t.db, admin.signedIn, parsed.invitations, 'http://portal.test');
    expect(created).toHaveLength(MAX_INVITATIONS);
    const audit = await t.db.auditEvent.findMany({ where: { action: 'user.invite', actorId: admin.user.id }, select: { subjectId: true, after: true } });
    const emailOf = new Map(created.map((u) => [u.id, u.email]));
    expect(audit).toHaveLength(MAX_INVITATIONS);
    expect(audit.every((a) => (a.after as { email: string }).email === emailOf.get(a.subjectId))).toBe(true);
    expect(await t.db.mailOutbox.count({ where: { kind: 'invitation', recipient: { endsWith: '@area-intera.it' } } })).toBe(MAX_INVITATIONS);
  });

  it('refuses a file longer than one import takes, saying where to split it', () => {
    const rows = Array.from({ length: MAX_INVITATIONS + 1 }, (_, i) => `troppi${i}@comune.it,Persona ${i},MAYOR,001272`);
    expect(parseInvitationCsv(['email,name,role,istat', ...rows].join('\n'))).toEqual({
      invitations: [],
      errors: [{ line: MAX_INVITATIONS + 2, code: 'tooMany', value: String(MAX_INVITATIONS) }],
    });
  });

  it('reports every bad row by line and stores nothing from a file with one', async () => {
    const csv = [
      'email,name,role,istat',
      'ok1@comune.it,Primo,MAYOR,001272',
      'non-una-mail,Secondo,MAYOR,001272',
      'ok2@comune.it,Terzo,MAYOR,999999',
      'ok3@comune.it,Quarto,MODERATOR,001272',
      'ok1@comune.it,Quinto,MAYOR,001272',
    ].join('\n');
    const parsed = parseInvitationCsv(csv);
    expect(parsed.errors).toEqual([
      { line: 3, code: 'email', value: 'non-una-mail' },
      { line: 5, code: 'istat', value: '001272' },
    ]);
    const admin = await createUser(t.db, { role: 'ADMIN' });
    const rejection = await createInvitations(t.db, admin.signedIn, parsed.invitations, 'http://portal.test').catch((e: unknown) => e);
    expect(rejection).toBeInstanceOf(InvitationRejected);
    expect((rejection as InvitationRejected).errors).toEqual([
      { line: 4, code: 'unknownComune', value: '999999' },
      { line: 6, code: 'duplicate', value: 'ok1@comune.it' },
    ]);
    expect(await t.db.user.count({ where: { email: { in: ['ok1@comune.it', 'ok2@comune.it'] } } })).toBe(0);
  });
});

describe('sign-in rate limits', () => {
  it('allows a few link requests per window, then tells how long to wait', async () => {
    const rule = { bucket: 'test', limit: 3, windowMs: 60_000 };
    const now = new Date('2026-11-24T10:00:00Z');
    for (let i = 0; i < 3; i++) expect((await takeRateLimit(t.db, rule, 'a@b.it', now)).allowed).toBe(true);
    expect(await takeRateLimit(t.db, rule, 'a@b.it', now)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect((await takeRateLimit(t.db, rule, 'other@b.it', now)).allowed).toBe(true);
    expect((await takeRateLimit(t.db, rule, 'a@b.it', new Date(now.getTime() + 61_000))).allowed).toBe(true);
  });
});
