import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/permissions';
import { callSchema, createCall, declineCall, setCollectionPublic } from '@/lib/calls';
import { publicCollection } from '@/lib/calls/collection';
import { publishedVideos } from '@/lib/catalog';
import { dueOffset, sendDueReminders } from '@/lib/calls/reminders';
import { dueEdition, sendBriefingNow, sendBriefings, sendNowSchema } from '@/lib/coordination/briefing';
import { createMeeting, deleteMeeting, meetingSchema, nextMeeting } from '@/lib/coordination/meetings';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { createGroup, groupSchema } from '@/lib/groups';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createUser, createVideo } from '../support/fixtures';

/*
 * What coordinates the mayors without staff lifting a finger: reminders before
 * a call's deadline to those who have not answered (Rome's wall clock, across
 * the change of hour), the closing summary, and the weekly briefing.
 * VC_CALL_REMINDER_DAYS and VC_CALL_REMINDER_HOUR keep their defaults: 3 and 1 days, 9:00.
 */

let t: TestDatabase;
let moderator: Awaited<ReturnType<typeof createUser>>;
let torino: Awaited<ReturnType<typeof createUser>>;
let sauze: Awaited<ReturnType<typeof createUser>>;
let balme: Awaited<ReturnType<typeof createUser>>;
let groupId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await createMunicipality(t.db, '001272', 'Torino');
  await createMunicipality(t.db, '001259', 'Sauze d’Oulx');
  await createMunicipality(t.db, '001022', 'Balme');
  moderator = await createUser(t.db, { role: 'MODERATOR' });
  torino = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
  sauze = await createUser(t.db, { role: 'MAYOR', municipality: '001259' });
  balme = await createUser(t.db, { role: 'MAYOR', municipality: '001022' });
  groupId = (await createGroup(t.db, moderator.signedIn, '001', groupSchema.parse({ name: 'Val di Susa e Torino', by: 'list', comuni: ['001272', '001259'] })))
    .id;
});
afterAll(async () => {
  await t.drop();
});

/** A call made on `madeAt` (so that its reminders' moments come after it), asking the three comuni. */
async function callMadeOn(madeAt: string, deadline: string, title: string) {
  const made = new Date(madeAt);
  const { id } = await createCall(
    t.db,
    moderator.signedIn,
    '001',
    callSchema.parse({ title, brief: 'Che cosa fate?', deadline, target: 'list', comuni: ['001272', '001259', '001022'] }),
    made,
  );
  await t.db.call.update({ where: { id }, data: { createdAt: made } });
  return id;
}

/** A message answering the call, waiting for moderation. */
async function answer(callId: number, municipality: string) {
  const video = await createVideo(t.db, { municipality, title: `Risposta ${callId}`, status: 'SUBMITTED' });
  await t.db.video.update({ where: { id: video.id }, data: { callId } });
  return video.id;
}

const reminded = async (callId: number) =>
  (await t.db.callReminder.findMany({ where: { callId }, orderBy: [{ daysBefore: 'desc' }, { municipalityIstat: 'asc' }] })).map(
    (r) => `${r.municipalityIstat}:${r.daysBefore}`,
  );

describe('reminders before a call’s deadline', () => {
  it('go at 9:00 Rome time, 3 and 1 days before, only to comuni that neither answered nor declined, once each; a withdrawn answer is no answer', async () => {
    // Deadline Wednesday 28 October 2026: the third day before is Sunday the 25th, when Italy goes back to CET at 01:00 UTC.
    const id = await callMadeOn('2026-10-01T10:00:00Z', '2026-10-28', 'Autunno insieme');
    await declineCall(t.db, balme.signedIn, { callId: id, note: 'Non ci riguarda' }, new Date('2026-10-20T10:00:00Z'));
    const torinoAnswer = await answer(id, '001272');

    await sendDueReminders(t.db, new Date('2026-10-25T07:59:00Z')); // 08:59 CET
    expect(await reminded(id)).toEqual([]);
    await sendDueReminders(t.db, new Date('2026-10-25T08:00:00Z')); // 09:00 CET
    expect(await reminded(id)).toEqual(['001259:3']);
    await sendDueReminders(t.db, new Date('2026-10-25T15:00:00Z'));
    expect(await reminded(id)).toEqual(['001259:3']);

    const mails = await t.db.mailOutbox.findMany({ where: { kind: 'call-reminder' }, select: { recipient: true, subject: true, text: true } });
    expect(mails.map((m) => m.recipient)).toEqual([sauze.user.email]);
    expect(mails[0]!.subject).toContain('Promemoria: Autunno insieme, entro il 28/10/2026');
    expect(mails[0]!.text).toContain('Mancano 3 giorni alla scadenza');
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'call.remind', subjectId: String(id) } });
    expect(audit.after).toMatchObject({ daysBefore: 3, comuni: ['001259'], mails: 1 });

    // Torino's answer is withdrawn: the last reminder goes to Torino too.
    await applyEditorialEvent(t.db, { videoId: torinoAnswer, event: 'withdraw', reason: 'Sbagliato' });
    await sendDueReminders(t.db, new Date('2026-10-27T07:59:00Z'));
    expect(await reminded(id)).toEqual(['001259:3']);
    await sendDueReminders(t.db, new Date('2026-10-27T08:00:00Z'));
    expect(await reminded(id)).toEqual(['001259:3', '001259:1', '001272:1']);
    await Promise.all([sendDueReminders(t.db, new Date('2026-10-27T09:00:00Z')), sendDueReminders(t.db, new Date('2026-10-27T09:00:00Z'))]);
    expect(await t.db.mailOutbox.count({ where: { kind: 'call-reminder' } })).toBe(3);
    // Past the deadline, nothing more.
    await sendDueReminders(t.db, new Date('2026-10-29T07:00:00Z'));
    expect(await reminded(id)).toHaveLength(3);
  });

  it('follow summer time before the change: 9:00 CEST is 07:00 UTC', async () => {
    // Deadline Tuesday 27 October: the third day before is Saturday the 24th, still CEST.
    const id = await callMadeOn('2026-10-01T10:00:00Z', '2026-10-27', 'Ultima estate');
    await sendDueReminders(t.db, new Date('2026-10-24T06:59:00Z'));
    expect(await reminded(id)).toEqual([]);
    await sendDueReminders(t.db, new Date('2026-10-24T07:00:00Z'));
    expect(await reminded(id)).toEqual(['001022:3', '001259:3', '001272:3']);
  });

  it('come only on their day, from their hour, and not on the day the call was made', () => {
    const call = { deadline: new Date('2027-03-31T00:00:00Z'), createdAt: new Date('2027-03-29T12:00:00Z') };
    expect(dueOffset({ ...call, createdAt: new Date('2027-03-30T06:00:00Z') }, new Date('2027-03-30T09:00:00Z'), [3, 1], 9)).toBeNull();
    // The spring change: Sunday 28 March 2027 at 01:00 UTC. The day before the deadline, 9:00 CEST = 07:00 UTC.
    expect(dueOffset(call, new Date('2027-03-30T06:59:00Z'), [3, 1], 9)).toBeNull();
    expect(dueOffset(call, new Date('2027-03-30T07:00:00Z'), [3, 1], 9)).toBe(1);
    expect(dueOffset(call, new Date('2027-03-30T21:59:00Z'), [3, 1], 9)).toBe(1); // 23:59 CEST, still the day
    expect(dueOffset(call, new Date('2027-03-30T22:00:00Z'), [3, 1], 9)).toBeNull(); // the deadline's day
    const early = { ...call, createdAt: new Date('2027-03-01T00:00:00Z') };
    // Saturday the 27th is still CET: 9:00 is 08:00 UTC.
    expect(dueOffset({ ...early, deadline: new Date('2027-03-30T00:00:00Z') }, new Date('2027-03-27T07:59:00Z'), [3, 1], 9)).toBeNull();
    expect(dueOffset({ ...early, deadline: new Date('2027-03-30T00:00:00Z') }, new Date('2027-03-27T08:00:00Z'), [3, 1], 9)).toBe(3);
    // A third-day reminder missed is not sent on the second day.
    expect(dueOffset({ ...early, deadline: new Date('2027-03-30T00:00:00Z') }, new Date('2027-03-28T08:00:00Z'), [3, 1], 9)).toBeNull();
    expect(dueOffset(call, new Date('2027-04-01T07:00:00Z'), [3, 1], 9)).toBeNull();
  });
});

describe('the closing summary', () => {
  it('goes to the call’s maker the day after the deadline at 9:00, once, with the follow-up’s figures, and is audited', async () => {
    const id = await callMadeOn('2026-11-01T10:00:00Z', '2026-11-10', 'Chiusura di prova');
    await declineCall(t.db, balme.signedIn, { callId: id, note: '' }, new Date('2026-11-05T10:00:00Z'));
    await answer(id, '001259');
    const before = await t.db.mailOutbox.count({ where: { kind: 'call-summary' } });
    await sendDueReminders(t.db, new Date('2026-11-11T07:59:00Z'));
    expect(await t.db.mailOutbox.count({ where: { kind: 'call-summary' } })).toBe(before);
    await sendDueReminders(t.db, new Date('2026-11-11T08:00:00Z'));
    await sendDueReminders(t.db, new Date('2026-11-11T12:00:00Z'));
    const mails = await t.db.mailOutbox.findMany({ where: { kind: 'call-summary', subject: { contains: 'Chiusura di prova' } } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe(moderator.user.email);
    expect(mails[0]!.text).toContain('Comuni interpellati: 3. Messaggi pubblicati: 0; in moderazione: 1; non pertinente: 1; senza risposta: 1.');
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'call.close', subjectId: String(id) } });
    expect(audit.after).toMatchObject({ asked: 3, submitted: 1, declined: 1, none: 1 });
  });
});

describe('coordination meetings', () => {
  it('are set by staff in Rome time with an https link, audited; the next one is the soonest to come', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const later = await createMeeting(
      t.db,
      moderator.signedIn,
      meetingSchema.parse({ date: '2026-12-15', time: '18:30', link: 'https://meet.example.org/sindaci' }),
      now,
    );
    const sooner = await createMeeting(
      t.db,
      moderator.signedIn,
      meetingSchema.parse({ date: '2026-12-08', time: '18:30', link: 'https://meet.example.org/sindaci', note: 'Natale' }),
      now,
    );
    expect(await nextMeeting(t.db, now)).toMatchObject({ id: sooner, startsAt: new Date('2026-12-08T17:30:00Z'), note: 'Natale' });
    await deleteMeeting(t.db, moderator.signedIn, sooner);
    expect((await nextMeeting(t.db, now))?.id).toBe(later);
    expect(await t.db.auditEvent.count({ where: { subjectType: 'meeting', subjectId: { in: [String(later), String(sooner)] } } })).toBe(3);
    await expect(
      createMeeting(t.db, torino.signedIn, meetingSchema.parse({ date: '2026-12-15', time: '18:30', link: 'https://x.example' }), now),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteMeeting(t.db, sauze.signedIn, later)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createMeeting(t.db, moderator.signedIn, meetingSchema.parse({ date: '2026-11-15', time: '18:30', link: 'https://x.example' }), now),
    ).rejects.toMatchObject({
      code: 'meetingPast',
    });
    for (const bad of [
      { date: '2026-12-15', time: '18:30', link: 'http://meet.example.org' },
      { date: '2026-12-15', time: '18:30', link: 'javascript:alert(1)' },
      { date: '2026-12-15', time: '18:30', link: 'https://meet.example.org/a b' },
      { date: '2026-12-15', time: '24:00', link: 'https://meet.example.org' },
      { date: '2026-02-30', time: '18:30', link: 'https://meet.example.org' },
      { date: '2026-12-15', time: '18:30', link: 'https://meet.example.org', note: 'a\u0007b' },
    ]) {
      expect(meetingSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('the weekly briefing', () => {
  it('is due on its weekday from its hour, Rome time, in winter and in summer, and for a day after (a worker that was down catches up)', () => {
    expect(dueEdition(new Date('2026-12-07T06:59:00Z'), 1, 8)).toBeNull(); // Monday 07:59 CET
    expect(dueEdition(new Date('2026-12-07T07:00:00Z'), 1, 8)).toBe('week-2026-12-07');
    expect(dueEdition(new Date('2026-12-08T06:59:00Z'), 1, 8)).toBe('week-2026-12-07'); // Tuesday 07:59: still that week's
    expect(dueEdition(new Date('2026-12-08T07:00:00Z'), 1, 8)).toBeNull(); // a day later
    expect(dueEdition(new Date('2026-12-13T22:00:00Z'), 1, 8)).toBeNull(); // Sunday night
    expect(dueEdition(new Date('2026-12-13T07:30:00Z'), 7, 8)).toBe('week-2026-12-13'); // a Sunday edition at 08:30
    expect(dueEdition(new Date('2027-04-05T05:59:00Z'), 1, 8)).toBeNull(); // Monday 07:59 CEST
    expect(dueEdition(new Date('2027-04-05T06:00:00Z'), 1, 8)).toBe('week-2027-04-05');
  });

  it('tells each mayor who wants it, in the chosen language, the open calls, the comune’s waiting messages, the group’s publications and the next meeting; once per edition', async () => {
    await t.db.user.update({ where: { id: sauze.user.id }, data: { briefingLocale: 'en' } });
    await t.db.user.update({ where: { id: balme.user.id }, data: { weeklyBriefing: false } });
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await createCall(
      t.db,
      moderator.signedIn,
      '001',
      callSchema.parse({ title: 'Nevicate', brief: 'Strade e scuole', deadline: soon, target: 'groups', groups: [groupId] }),
    );
    await createVideo(t.db, { municipality: '001259', title: 'Spalatori volontari a Sauze', status: 'PUBLISHED' });
    await createVideo(t.db, { municipality: '001022', title: 'Balme non è nel gruppo', status: 'PUBLISHED' });
    await createVideo(t.db, { municipality: '001272', title: 'Da rivedere a Torino', status: 'CHANGES_REQUESTED' });
    await createMeeting(
      t.db,
      moderator.signedIn,
      meetingSchema.parse({
        date: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
        time: '18:00',
        link: 'https://meet.example.org/coordinamento',
      }),
    );

    expect(await sendBriefings(t.db, 'week-2026-12-07')).toBe(2);
    expect(await sendBriefings(t.db, 'week-2026-12-07')).toBe(0);
    const mails = await t.db.mailOutbox.findMany({ where: { kind: 'briefing' }, select: { recipient: true, subject: true, text: true, html: true } });
    expect(mails.map((m) => m.recipient).sort()).toEqual([torino.user.email, sauze.user.email].sort());
    const it = mails.find((m) => m.recipient === torino.user.email)!;
    expect(it.subject).toBe('Notiziario settimanale di Città metropolitana di Torino per il Comune di Torino');
    expect(it.text).toContain('Nevicate — entro il');
    expect(it.text).toContain('Nessuna risposta');
    expect(it.text).toContain('Da rivedere a Torino — Modifiche richieste');
    expect(it.text).toContain('Pubblicati questa settimana dai comuni del vostro gruppo');
    expect(it.text).toContain('Sauze d’Oulx: Spalatori volontari a Sauze');
    expect(it.text).not.toContain('Balme non è nel gruppo');
    expect(it.text).toContain('https://meet.example.org/coordinamento');
    expect(it.html).toContain('lang="it"');
    const en = mails.find((m) => m.recipient === sauze.user.email)!;
    expect(en.subject).toBe('Città metropolitana di Torino’s weekly briefing for the comune of Sauze d’Oulx');
    expect(en.text).toContain('Open calls for your comune');
    expect(en.text).toContain('/en/sindaco#notiziario');
  });

  it('can be sent now by staff only (queued, audited); the same form sent twice is one edition', async () => {
    const form = { edition: randomUUID() };
    await expect(sendBriefingNow(t.db, torino.signedIn, form)).rejects.toBeInstanceOf(ForbiddenError);
    const [edition, again] = await Promise.all([sendBriefingNow(t.db, moderator.signedIn, form), sendBriefingNow(t.db, moderator.signedIn, form)]);
    expect(again).toBe(edition);
    expect(await t.db.auditEvent.count({ where: { action: 'briefing.send', subjectId: edition } })).toBe(1);
    expect(await sendBriefings(t.db, edition)).toBe(2);
    expect(await sendBriefings(t.db, edition)).toBe(0);
    expect(sendNowSchema.safeParse({ edition: 'x' }).success).toBe(false);
  });
});

describe('a call’s public collection', () => {
  it('shows citizens only a call staff made public, and of it only published answers; publishing it is staff’s, audited, and drops the page caches', async () => {
    const id = await callMadeOn('2026-11-20T10:00:00Z', new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10), 'Raccolta di prova');
    const published = await answer(id, '001259');
    await applyEditorialEvent(t.db, { videoId: published, event: 'approve' });
    await applyEditorialEvent(t.db, { videoId: published, event: 'publish' });
    await answer(id, '001272'); // still in moderation
    expect(await publicCollection(t.db, String(id))).toBeNull();
    await expect(setCollectionPublic(t.db, sauze.signedIn, { callId: id, public: true })).rejects.toBeInstanceOf(ForbiddenError);
    await setCollectionPublic(t.db, moderator.signedIn, { callId: id, public: true });
    await expect(setCollectionPublic(t.db, moderator.signedIn, { callId: id, public: true })).rejects.toMatchObject({ code: 'notAllowed' });
    expect(await t.db.domainEvent.count({ where: { type: 'call.collection', aggregateId: String(id) } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: 'call.collection.publish', subjectId: String(id) } })).toBe(1);

    const collection = await publicCollection(t.db, String(id));
    expect(collection).toMatchObject({ id, title: 'Raccolta di prova' });
    expect(collection!.participants.map((m) => m.istatCode)).toEqual(['001259']);
    expect(collection!.messages).toBe(1);
    expect((await publishedVideos(t.db, { call: id, limit: 10 })).items.map((v) => v.id)).toEqual([published]);
    for (const bad of ['0', '010', '1e1', ` ${id}`, `${id}.0`, 'abc', '99999999999']) expect(await publicCollection(t.db, bad), bad).toBeNull();

    // A withdrawn answer leaves the collection.
    await applyEditorialEvent(t.db, { videoId: published, event: 'withdraw', reason: 'Errore' });
    expect((await publishedVideos(t.db, { call: id, limit: 10 })).items).toEqual([]);
    expect((await publicCollection(t.db, String(id)))!.participants).toEqual([]);
    await setCollectionPublic(t.db, moderator.signedIn, { callId: id, public: false });
    expect(await publicCollection(t.db, String(id))).toBeNull();
  });
});
