import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

async function getJson(path: string) {
  const response = await fetch(`${baseUrl}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
}

describe('open data API v1', () => {
  it('lists the area’s comuni with their published counts', async () => {
    const { status, body } = await getJson('/api/v1/municipalities');
    expect(status).toBe(200);
    const data = body.data as Array<Record<string, unknown>>;
    expect(data).toHaveLength(312);
    expect(data.find((m) => m.istatCode === '001157')).toMatchObject({ name: 'Moncenisio', slug: 'moncenisio', population: 42 });
    expect(data.every((m) => typeof m.publishedCount === 'number')).toBe(true);
  });

  it('lists the themes in both languages', async () => {
    const { body } = await getJson('/api/v1/themes');
    expect((body.data as Array<{ slug: string; labelIt: string; labelEn: string }>).find((t) => t.slug === 'volontariato')).toMatchObject({
      labelIt: 'Volontariato',
      labelEn: 'Volunteering',
    });
  });

  it('pages through published messages with a cursor and filters them', async () => {
    const first = await getJson('/api/v1/videos?limit=5');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(5);
    const second = await getJson(`/api/v1/videos?limit=5&cursor=${first.body.nextCursor as string}`);
    const ids = (x: typeof first) => (x.body.data as Array<{ id: string }>).map((v) => v.id);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    const byTheme = await getJson('/api/v1/videos?theme=volontariato&limit=100');
    expect((byTheme.body.data as Array<{ themes: Array<{ slug: string }> }>).every((v) => v.themes.some((t) => t.slug === 'volontariato'))).toBe(true);
    const byComune = await getJson('/api/v1/videos?municipality=001272');
    expect((byComune.body.data as Array<{ municipality: { istatCode: string } }>).every((v) => v.municipality.istatCode === '001272')).toBe(true);
    const searched = await getJson(`/api/v1/videos?q=${encodeURIComponent('perche')}`);
    expect((searched.body.data as unknown[]).length).toBeGreaterThan(0);
  });

  it('answers bad parameters with 400 and a JSON error, never a 500', async () => {
    for (const query of [
      'limit=abc',
      'limit=0',
      'limit=1000',
      'municipality=12',
      'theme=%3Cscript%3E',
      'cursor=garbage',
      'q=',
      `q=${'x'.repeat(201)}`,
      'q=spesa%00',
      'q=%1B%5B31m',
      'unknown=1',
      'limit=1&limit=2',
    ]) {
      const { status, type, body } = await getJson(`/api/v1/videos?${query}`);
      expect(status, query).toBe(400);
      expect(type).toContain('application/json');
      expect((body.error as { code: string }).code).toBe('bad_request');
    }
  });

  it('answers a search with control characters on the search page with a page that says so, not a 500', async () => {
    for (const q of ['spesa%00', 'spesa%1B%5B31m']) {
      const answer = await fetch(`${baseUrl}/cerca?q=${q}`);
      expect(answer.status, q).toBe(400);
      expect(await answer.text()).toContain('Richiesta non valida');
    }
  });

  it('reports database reachability', async () => {
    const { status, body } = await getJson('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', database: { reachable: true } });
  });

  it('publishes its OpenAPI description', async () => {
    const response = await fetch(`${baseUrl}/openapi.yaml`);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const path of ['/api/v1/municipalities:', '/api/v1/themes:', '/api/v1/videos:', '/api/health:']) expect(text).toContain(path);
  });
});

describe('feeds and sitemap', () => {
  it('serves RSS and Atom for all messages, a comune and a theme', async () => {
    for (const [path, type, marker] of [
      ['/feed.xml', 'application/rss+xml', '<rss version="2.0"'],
      ['/atom.xml', 'application/atom+xml', '<feed xmlns="http://www.w3.org/2005/Atom"'],
      ['/comuni/001272-torino/feed.xml', 'application/rss+xml', '<title>VociComuni — Torino</title>'],
      ['/temi/solidarieta/feed.xml', 'application/rss+xml', '<item>'],
    ] as const) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(await response.text()).toContain(marker);
    }
    expect((await fetch(`${baseUrl}/temi/non-esiste/feed.xml`)).status).toBe(404);
  });

  it('lists home, comuni, themes and messages in sitemap.xml', async () => {
    const text = await (await fetch(`${baseUrl}/sitemap.xml`)).text();
    expect(text).toContain('/comuni/001259-sauze-d-oulx</loc>');
    expect(text).toContain('/temi/solidarieta</loc>');
    expect(text).toMatch(/\/messaggi\/[0-9a-f-]{36}<\/loc>/);
  });
});
