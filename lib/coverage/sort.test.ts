import { describe, expect, it } from 'vitest';
import { sortCoverage, type CoverageRow } from './index';

const row = (name: string, state: CoverageRow['state'], published: number, population: number | null): CoverageRow => ({
  istatCode: name.padStart(6, '0').slice(0, 6),
  name,
  slug: name.toLowerCase(),
  population,
  published,
  waiting: state === 'waiting' ? 1 : 0,
  lastPublishedAt: null,
  views: published * 100,
  state,
});

describe('coverage order', () => {
  const rows = [row('Torino', 'published', 5, 850000), row('Moncenisio', 'none', 0, 42), row('Ala di Stura', 'waiting', 0, 460), row('Balme', 'none', 0, 110)];
  it('puts the comuni that have not spoken first, by name', () => {
    expect(sortCoverage(rows, 'state', 'asc').map((r) => r.name)).toEqual(['Balme', 'Moncenisio', 'Ala di Stura', 'Torino']);
  });
  it('sorts by population both ways', () => {
    expect(sortCoverage(rows, 'population', 'desc').map((r) => r.name)).toEqual(['Torino', 'Ala di Stura', 'Balme', 'Moncenisio']);
    expect(sortCoverage(rows, 'population', 'asc')[0]!.name).toBe('Moncenisio');
  });
});
