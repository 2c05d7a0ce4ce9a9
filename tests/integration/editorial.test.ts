import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEditorialEvent } from '@/lib/editorial/apply';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createMunicipality, createVideo } from '../support/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await createMunicipality(t.db, '001157', 'Moncenisio');
});
afterAll(() => t.drop());

describe('applyEditorialEvent', () => {
  it('records every step with its actor-visible reason', async () => {
    const video = await createVideo(t.db, { municipality: '001157', title: 'Mascherine', status: 'SUBMITTED' });
    await applyEditorialEvent(t.db, { videoId: video.id, event: 'requestChanges', reason: 'Manca il numero di telefono' });
    await applyEditorialEvent(t.db, { videoId: video.id, event: 'submit' });
    await applyEditorialEvent(t.db, { videoId: video.id, event: 'approve' });
    expect(await applyEditorialEvent(t.db, { videoId: video.id, event: 'publish' })).toBe('PUBLISHED');
    const steps = await t.db.editorialTransition.findMany({ where: { videoId: video.id }, orderBy: { id: 'asc' } });
    expect(steps.map((s) => `${s.from}>${s.to}`)).toEqual([
      'DRAFT>SUBMITTED',
      'SUBMITTED>CHANGES_REQUESTED',
      'CHANGES_REQUESTED>SUBMITTED',
      'SUBMITTED>APPROVED',
      'APPROVED>PUBLISHED',
    ]);
    expect(steps[1]!.reason).toBe('Manca il numero di telefono');
    const row = await t.db.video.findUniqueOrThrow({ where: { id: video.id } });
    expect(row.publishedAt).not.toBeNull();
  });

  it('refuses a step the table does not allow, and changes nothing', async () => {
    const video = await createVideo(t.db, { municipality: '001157', title: 'Bozza', status: 'DRAFT' });
    await expect(applyEditorialEvent(t.db, { videoId: video.id, event: 'publish' })).rejects.toMatchObject({ code: 'not_allowed' });
    expect((await t.db.video.findUniqueOrThrow({ where: { id: video.id } })).status).toBe('DRAFT');
    expect(await t.db.editorialTransition.count({ where: { videoId: video.id } })).toBe(0);
  });

  it('requires a reason to request changes or reject', async () => {
    const video = await createVideo(t.db, { municipality: '001157', title: 'Senza motivo', status: 'SUBMITTED' });
    await expect(applyEditorialEvent(t.db, { videoId: video.id, event: 'reject', reason: '   ' })).rejects.toMatchObject({ code: 'reason_required' });
  });

  it('lets one of two simultaneous moderators win and tells the other', async () => {
    const video = await createVideo(t.db, { municipality: '001157', title: 'Conteso', status: 'SUBMITTED' });
    const results = await Promise.allSettled([
      applyEditorialEvent(t.db, { videoId: video.id, event: 'approve', expectedStatus: 'SUBMITTED' }),
      applyEditorialEvent(t.db, { videoId: video.id, event: 'reject', reason: 'Fuori tema', expectedStatus: 'SUBMITTED' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(['conflict', 'not_allowed']).toContain(failure.reason.code);
    expect(await t.db.editorialTransition.count({ where: { videoId: video.id, from: 'SUBMITTED' } })).toBe(1);
  });

  it('reports a message that does not exist', async () => {
    await expect(applyEditorialEvent(t.db, { videoId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', event: 'submit' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
