import { describe, expect, it } from 'vitest';
import { en } from './en';
import { it as italian } from './it';
import { formatDuration, negotiateLocale, translator } from './index';

function keys(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

function placeholders(node: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (n: object, prefix: string) => {
    for (const [k, v] of Object.entries(n)) {
      if (typeof v === 'string') out[`${prefix}${k}`] = (v.match(/\{\w+\}/g) ?? []).sort();
      else walk(v as object, `${prefix}${k}.`);
    }
  };
  walk(node, '');
  return out;
}

describe('translations', () => {
  it('has every Italian string in English, with the same placeholders', () => {
    expect(keys(en).sort()).toEqual(keys(italian).sort());
    expect(placeholders(en)).toEqual(placeholders(italian));
  });

  it('has no empty string', () => {
    for (const dictionary of [en, italian]) {
      const t = translator(dictionary === en ? 'en' : 'it');
      for (const key of keys(dictionary)) expect(t(key as Parameters<typeof t>[0]).trim()).not.toBe('');
    }
  });

  it('fills placeholders and formats numbers per language', () => {
    expect(translator('it')('municipality.population', { count: 872367 })).toBe('Abitanti: 872.367');
    expect(translator('en')('municipality.population', { count: 872367 })).toBe('Population: 872,367');
  });
});

describe('language negotiation', () => {
  it('prefers the cookie, then Accept-Language, then Italian', () => {
    expect(negotiateLocale('en', 'it-IT,it;q=0.9')).toBe('en');
    expect(negotiateLocale(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLocale(undefined, 'fr-FR,en;q=0.5')).toBe('en');
    expect(negotiateLocale(undefined, 'de-DE')).toBe('it');
    expect(negotiateLocale('xx', null)).toBe('it');
  });

  it('formats durations as minutes and seconds', () => {
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(600)).toBe('10:00');
  });
});
