import pg from 'pg';

/*
 * Many published messages at once, for the benchmarks, in SQL: inserted as
 * drafts and moved through the editorial states in set-based statements (the
 * database's transition guard still checks every row; labelled demo
 * messages, which need no video file), spread over the
 * area's comuni and themes, one minute apart. No domain events: as a data
 * import would, so that no worker starts on them.
 */

const DESCRIPTIONS = [
  'Consegna gratuita di spesa e mascherine agli anziani: chiamate il numero del Comune.',
  'Cerchiamo volontari per la distribuzione dei pacchi alimentari in piazza.',
  'Il servizio di supporto psicologico è aperto il martedì e il giovedì.',
  'Spazi per i ragazzi: la biblioteca riapre con orari nuovi e attività per i giovani.',
  'Aiuto a chi è in difficoltà: buoni spesa per le famiglie, domande in municipio.',
  'Un messaggio di solidarietà ai cittadini: restiamo uniti, insieme ce la faremo.',
  'Vaccinazioni in farmacia: prenotazioni dal medico di famiglia o al telefono.',
  'La raccolta dei rifiuti cambia giorno: il calendario è sul sito del Comune.',
];

export async function seedPublishedMessages(
  databaseUrl: string,
  count: number,
  options: { batch?: number; log?: (line: string) => void } = {},
): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  const batch = options.batch ?? 20_000;
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM video');
    const offset = rows[0]!.n;
    for (let from = 0; from < count; from += batch) {
      const size = Math.min(batch, count - from);
      await client.query('BEGIN');
      await client.query(
        `CREATE TEMP TABLE seeded ON COMMIT DROP AS
         WITH comuni AS (SELECT istat_code, name, row_number() OVER (ORDER BY istat_code) - 1 AS k, count(*) OVER () AS n FROM municipality),
              themes AS (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS k, count(*) OVER () AS n FROM theme WHERE active)
         SELECT gen_random_uuid() AS id, i, c.istat_code, c.name AS comune,
                (SELECT id FROM themes WHERE k = i % n) AS theme_a, (SELECT id FROM themes WHERE k = (i + 2) % n) AS theme_b
         FROM generate_series($1::int, $2::int) AS i JOIN comuni c ON c.k = i % c.n`,
        [offset + from, offset + from + size - 1],
      );
      await client.query(
        `INSERT INTO video (id, municipality_istat, title, description, status, is_demo, updated_at)
         SELECT id, istat_code, left('Messaggio ' || i || ' da ' || comune, 100), ($1::text[])[1 + i % array_length($1::text[], 1)], 'DRAFT', true, now()
         FROM seeded`,
        [DESCRIPTIONS],
      );
      await client.query(`INSERT INTO video_theme (video_id, theme_id) SELECT id, theme_a FROM seeded UNION SELECT id, theme_b FROM seeded`);
      for (const status of ['SUBMITTED', 'APPROVED']) {
        await client.query(`UPDATE video SET status = '${status}' WHERE id IN (SELECT id FROM seeded)`);
      }
      await client.query(
        `UPDATE video v SET status = 'PUBLISHED', published_at = timestamptz '2025-01-01' + s.i * interval '1 minute', submitted_at = timestamptz '2025-01-01' + s.i * interval '1 minute'
         FROM seeded s WHERE v.id = s.id`,
      );
      await client.query('COMMIT');
      options.log?.(`  ${from + size} of ${count}`);
    }
    // As autovacuum would have, between the states each message went through.
    await client.query('VACUUM (ANALYZE) video, video_theme, published_count');
  } finally {
    await client.end();
  }
  return (Date.now() - started) / 1000;
}
