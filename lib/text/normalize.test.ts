import { describe, expect, it } from 'vitest';
import { foldForSearch, slugify } from './normalize';

describe('text folding', () => {
  it('folds accents, apostrophes and case', () => {
    expect(foldForSearch("Sauze d'Oulx")).toBe('sauze d oulx');
    expect(foldForSearch('Sauze d’Oulx')).toBe('sauze d oulx');
    expect(foldForSearch('Viù')).toBe('viu');
    expect(foldForSearch('perché')).toBe('perche');
    expect(foldForSearch('  Pont-Canavese ')).toBe('pont canavese');
  });

  it('makes URL slugs of comune names', () => {
    expect(slugify("Sauze d'Oulx")).toBe('sauze-d-oulx');
    expect(slugify('Viù')).toBe('viu');
    expect(slugify('San Giorgio Canavese')).toBe('san-giorgio-canavese');
    expect(slugify('Pont-Canavese')).toBe('pont-canavese');
  });
});
