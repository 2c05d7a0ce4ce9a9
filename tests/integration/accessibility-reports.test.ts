import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '@/lib/config';
import { invalidFields, markAnswered, portalPage, purgeAnsweredReports, REPORTS_PER_NETWORK, submitReport } from '@/lib/feedback/accessibility-reports';
import { deliverEvent } from '@/lib/worker/subscribers';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createUser, ensureArea } from '../support/fixtures';

/*
 * The accessibility statement's feedback mechanism (Law 4/2004): a citizen's
 * report is stored, mailed to the accessibility contact, listed for staff and
 * answered once; answered reports go after two years.
 */

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await ensureArea(t.db);
  await createMunicipality(t.db, '001272', 'Torino');
});
afterAll(async () => {
  await t.drop();
});

const report = {
  name: 'Maria Rossi',
  email: 'Maria.Rossi@Esempio.it',
  page: '/comuni/001272-torino',
  description: 'Il lettore dello schermo non legge il nome del comune sulla mappa.',
};

describe('a citizen’s accessibility report', () => {
  it('is stored and mailed to the accessibility contact once, however often its event is delivered', async () => {
    const outcome = await submitReport(t.db, { ...report, locale: 'it' }, '192.0.2.10');
    expect(outcome.ok).toBe(true);
    const id = (outcome as { id: string }).id;
    const stored = await t.db.accessibilityReport.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ email: 'maria.rossi@esempio.it', status: 'OPEN', pageUrl: '/comuni/001272-torino', locale: 'it' });
    const event = await t.db.domainEvent.findFirstOrThrow({ where: { type: 'accessibility.reported', aggregateId: id } });
    await deliverEvent(t.db, 'mail-accessibility', event.id);
    await deliverEvent(t.db, 'mail-accessibility', event.id);
    const mails = await t.db.mailOutbox.findMany({ where: { sourceEventId: event.id } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe(config().institution.accessibilityEmail);
    expect(mails[0]!.text).toContain(report.description);
    expect(mails[0]!.text).toContain('maria.rossi@esempio.it');
    expect(mails[0]!.text).toContain('/staff/segnalazioni');
  });

  it('is limited per network, so the form cannot become a flood', async () => {
    for (let i = 0; i < REPORTS_PER_NETWORK.limit; i++) expect((await submitReport(t.db, { ...report, locale: 'en' }, '198.51.100.7')).ok).toBe(true);
    const refused = await submitReport(t.db, { ...report, locale: 'en' }, '198.51.100.7');
    expect(refused).toMatchObject({ ok: false });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((await submitReport(t.db, { ...report, locale: 'en' }, '198.51.100.8')).ok).toBe(true);
  });

  it('reports every wrong field at once, and accepts only pages of this portal', () => {
    expect(invalidFields({ name: 'x'.repeat(121), email: 'non-un-indirizzo', page: '', description: 'corto' }).fields).toEqual([
      'name',
      'email',
      'description',
    ]);
    expect(invalidFields({ name: 'Anna\u0000', email: 'a@b.it', page: '', description: 'Descrizione abbastanza lunga' }).fields).toEqual(['name']);
    expect(invalidFields({ name: '', email: 'a@b.it', page: '', description: 'Righe\nsu più\nrighe, va bene' })).toMatchObject({
      fields: [],
      data: { name: null, page: null },
    });
    expect(portalPage('/cerca?q=spesa', 'https://voci.example.it')).toBe('/cerca?q=spesa');
    expect(portalPage('https://voci.example.it/temi/spesa', 'https://voci.example.it')).toBe('/temi/spesa');
    expect(portalPage('https://altro.example.com/', 'https://voci.example.it')).toBe(false);
    expect(portalPage('//altro.example.com/x', 'https://voci.example.it')).toBe(false);
  });

  it('is marked answered by staff once, with an audit entry; a mayor cannot', async () => {
    const outcome = await submitReport(t.db, { ...report, locale: 'it' }, '203.0.113.5');
    const id = (outcome as { id: string }).id;
    const moderator = await createUser(t.db, { role: 'MODERATOR' });
    const mayor = await createUser(t.db, { role: 'MAYOR', municipality: '001272' });
    await expect(markAnswered(t.db, mayor.signedIn, id)).rejects.toThrow('forbidden');
    expect(await Promise.all([markAnswered(t.db, moderator.signedIn, id), markAnswered(t.db, moderator.signedIn, id)])).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect(await t.db.accessibilityReport.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'ANSWERED', answeredBy: moderator.user.id });
    expect(await t.db.auditEvent.count({ where: { subjectId: id, action: 'accessibility.answered' } })).toBe(1);
  });

  it('cannot be answered without a date, nor stored without a description (the database refuses)', async () => {
    const row = await t.db.accessibilityReport.create({ data: { email: 'a@b.it', description: 'Una descrizione valida', locale: 'it' } });
    await expect(t.db.accessibilityReport.update({ where: { id: row.id }, data: { status: 'ANSWERED' } })).rejects.toThrow();
    await expect(t.db.accessibilityReport.create({ data: { email: 'a@b.it', description: '   ', locale: 'it' } })).rejects.toThrow();
  });

  it('is deleted two years after its answer; open reports stay', async () => {
    const now = new Date('2030-06-01T10:00:00Z');
    const old = await t.db.accessibilityReport.create({
      data: { email: 'a@b.it', description: 'Risposta vecchia di tre anni', locale: 'it', status: 'ANSWERED', answeredAt: new Date('2027-05-01T10:00:00Z') },
    });
    const recent = await t.db.accessibilityReport.create({
      data: { email: 'a@b.it', description: 'Risposta di un anno fa', locale: 'it', status: 'ANSWERED', answeredAt: new Date('2029-06-01T10:00:00Z') },
    });
    const open = await t.db.accessibilityReport.create({
      data: { email: 'a@b.it', description: 'Ancora da rispondere', locale: 'it', createdAt: new Date('2026-01-01') },
    });
    expect(await purgeAnsweredReports(t.db, now)).toBeGreaterThanOrEqual(1);
    const left = (await t.db.accessibilityReport.findMany({ where: { id: { in: [old.id, recent.id, open.id] } } })).map((r) => r.id);
    expect(left.sort()).toEqual([recent.id, open.id].sort());
  });
});
