import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/permissions';
import { answerableCall, callFollowUp, callSchema, createCall, declineCall, declineSchema, listCalls, openCallsFor } from '@/lib/calls';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { createGroup, groupSchema } from '@/lib/groups';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createTheme, createUser, createVideo } from '../support/fixtures';
import { hearEvents } from '../support/worker';
import { italianDate } from '@/lib/time/zones';
import { MessageActionError, saveMessage } from '@/lib/messages/service';

/* Calls for messages: targeted by group, answered with a message or declined, followed up by staff, mailed to the mayors asked. */

let t: TestDatabase;
let moderator: Awaited<ReturnType<typeof createUser>>;
let torino: Awaited<ReturnType<typeof createUser>>;
let balme: Awaited<ReturnType<typeof createUser>>;
let groupId: number;
let themeId: number;
// Deadlines are Italian days: "today" is Rome's, whatever the hour in UTC.
const today = italianDate(new Date()).toISOString().slice(0, 10);
const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
  await createMunicipality(t.db, '001259', 'Sauze d’Oulx');
  await createMunicipality(t.db, '001022', 'Balme');
  themeId = (await createTheme(t.db, 'volontariato', 'Volontariato', 'Volunteering')).id;
  moderator = await createUser(t.db, { role: 'MODERATOR' });
  torino = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
  balme = await createUser(t.db, { role: 'MAYOR', municipality: '001022' });
  groupId = (await createGroup(t.db, moderator.signedIn, '001', groupSchema.parse({ name: 'Zona di prova', by: 'list', comuni: ['001272', '001259'] }))).id;
});
afterAll(async () => {
  await t.drop();
});

const call = (values: Record<string, unknown>) =>
  callSchema.parse({
    title: 'Natale solidale',
    brief: 'Raccontate le **iniziative** per le feste.',
    deadline: nextWeek,
    themes: [themeId],
    target: 'groups',
    groups: [groupId],
    ...values,
  });

describe('a call for messages', () => {
  it('asks exactly the group’s comuni, is audited, and mails their mayors once', async () => {
    const made = await createCall(t.db, moderator.signedIn, '001', call({}));
    expect(made.comuni).toBe(2);
    const targets = await t.db.callTarget.findMany({ where: { callId: made.id }, select: { municipalityIstat: true }, orderBy: { municipalityIstat: 'asc' } });
    expect(targets.map((x) => x.municipalityIstat)).toEqual(['001259', '001272']);
    expect(await t.db.auditEvent.count({ where: { action: 'call.create', subjectId: String(made.id) } })).toBe(1);
    await hearEvents(t);
    const mails = await t.db.mailOutbox.findMany({ where: { kind: 'call' }, select: { recipient: true, subject: true, text: true } });
    expect(mails.map((m) => m.recipient)).toEqual([torino.user.email]);
    expect(mails[0]!.subject).toContain('Città metropolitana di Torino chiede: Natale solidale, entro il');
    expect(mails[0]!.text).toContain('> Raccontate le **iniziative** per le feste.');
  });

  it('is staff’s to make and follow, with a deadline not yet past', async () => {
    await expect(createCall(t.db, torino.signedIn, '001', call({}))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(callFollowUp(t.db, torino.signedIn, 1)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createCall(t.db, moderator.signedIn, '001', call({ deadline: '2020-01-01' }))).rejects.toMatchObject({ code: 'pastEnd' });
    await expect(createCall(t.db, moderator.signedIn, '001', call({ target: 'list', comuni: ['001272', '004003'] }))).rejects.toMatchObject({ code: 'comune' });
    expect(callSchema.safeParse({ title: 'A<b>', brief: 'x', deadline: nextWeek, target: 'all' }).success).toBe(false);
    expect(callSchema.safeParse({ title: 'Titolo', brief: 'x', deadline: '2026-02-30', target: 'all' }).success).toBe(false);
  });
});

describe('answers', () => {
  it('shows the call only to the comuni asked; an answer counts while it is submitted or published, a withdrawn one is no answer', async () => {
    const { id } = await createCall(t.db, moderator.signedIn, '001', call({ title: 'Volontari cercasi', deadline: today }));
    expect((await openCallsFor(t.db, torino.signedIn)).find((c) => c.id === id)).toMatchObject({ title: 'Volontari cercasi', answer: 'none' });
    expect((await openCallsFor(t.db, balme.signedIn)).find((c) => c.id === id)).toBeUndefined();
    expect(await answerableCall(t.db, balme.signedIn, id)).toBeNull();
    expect(await answerableCall(t.db, torino.signedIn, id)).toEqual({ id, title: 'Volontari cercasi', themes: [themeId] });
    await expect(declineCall(t.db, balme.signedIn, declineSchema.parse({ callId: id, note: 'Non ci riguarda' }))).rejects.toMatchObject({ code: 'notFound' });

    // Sauze declines; Torino answers with a message.
    const sauze = await createUser(t.db, { role: 'MAYOR', municipality: '001259' });
    await declineCall(t.db, sauze.signedIn, declineSchema.parse({ callId: id, note: 'Nessuna iniziativa quest’anno' }));
    const answer = await createVideo(t.db, { municipality: '001272', title: 'I nostri volontari', status: 'SUBMITTED' });
    await t.db.video.update({ where: { id: answer.id }, data: { callId: id } });
    const states = async () => Object.fromEntries((await callFollowUp(t.db, moderator.signedIn, id)).map((r) => [r.name, r.answer]));
    expect(await states()).toEqual({ 'Sauze d’Oulx': 'declined', Torino: 'submitted' });
    await applyEditorialEvent(t.db, { videoId: answer.id, event: 'approve' });
    await applyEditorialEvent(t.db, { videoId: answer.id, event: 'publish' });
    expect((await states()).Torino).toBe('published');
    await applyEditorialEvent(t.db, { videoId: answer.id, event: 'withdraw', reason: 'errore' });
    expect((await states()).Torino).toBe('none');
    expect((await callFollowUp(t.db, moderator.signedIn, id)).find((r) => r.name === 'Sauze d’Oulx')?.declineNote).toBe('Nessuna iniziativa quest’anno');
    expect((await listCalls(t.db, moderator.signedIn)).find((c) => c.id === id)).toMatchObject({ asked: 2, answered: 0, open: true });
    expect(await t.db.auditEvent.count({ where: { action: 'call.decline', subjectId: String(id), municipalityIstat: '001259' } })).toBe(1);
  });

  it('lets a message answer only a call that asked its comune, in the database itself', async () => {
    const { id } = await createCall(t.db, moderator.signedIn, '001', call({ title: 'Solo la zona' }));
    const elsewhere = await createVideo(t.db, { municipality: '001022', title: 'Da Balme', status: 'DRAFT' });
    await expect(t.db.video.update({ where: { id: elsewhere.id }, data: { callId: id } })).rejects.toMatchObject({ code: 'P2003' });
  });

  it('saves a mayor’s new message as an answer only to an open call that asked the comune', async () => {
    const { id } = await createCall(t.db, moderator.signedIn, '001', call({ title: 'Rispondete qui' }));
    const form = {
      title: 'Risposta',
      description: '',
      themes: [themeId],
      language: 'it' as const,
      mediaId: null,
      consentGiven: false,
      minorsShown: false,
      madeForKids: false,
      captions: null,
    };
    const saved = await saveMessage(t.db, torino.signedIn, null, form, { callId: id });
    expect(await t.db.video.findUnique({ where: { id: saved }, select: { callId: true } })).toEqual({ callId: id });
    await expect(saveMessage(t.db, balme.signedIn, null, form, { callId: id })).rejects.toEqual(new MessageActionError('callClosed'));
    await t.db.call.update({ where: { id }, data: { deadline: new Date('2020-01-01') } });
    await expect(saveMessage(t.db, torino.signedIn, null, form, { callId: id })).rejects.toEqual(new MessageActionError('callClosed'));
    expect(await t.db.video.count({ where: { callId: id } })).toBe(1);
  });

  it('takes a decline once, and not from a comune whose answer is in moderation or published', async () => {
    const { id } = await createCall(t.db, moderator.signedIn, '001', call({ title: 'Una volta sola' }));
    await declineCall(t.db, torino.signedIn, declineSchema.parse({ callId: id, note: 'Prima nota' }));
    await expect(declineCall(t.db, torino.signedIn, declineSchema.parse({ callId: id, note: '' }))).rejects.toMatchObject({ code: 'notFound' });
    expect((await callFollowUp(t.db, moderator.signedIn, id)).find((r) => r.name === 'Torino')?.declineNote).toBe('Prima nota');
    const sauze = await createUser(t.db, { role: 'MAYOR', municipality: '001259' });
    const answer = await createVideo(t.db, { municipality: '001259', title: 'Già risposto', status: 'SUBMITTED' });
    await t.db.video.update({ where: { id: answer.id }, data: { callId: id } });
    await expect(declineCall(t.db, sauze.signedIn, declineSchema.parse({ callId: id }))).rejects.toMatchObject({ code: 'notFound' });
  });
});
