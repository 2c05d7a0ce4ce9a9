import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { it as italian } from './it';
import { formatDuration, negotiateLocale, translator } from './index';

function keys(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

/** The ICU arguments of every message, sorted: both languages must ask for the same ones. */
function argumentsOf(node: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const collect = (elements: MessageFormatElement[], into: Set<string>) => {
    for (const element of elements) {
      if ('value' in element && typeof element.value === 'string' && element.type !== TYPE.literal) into.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) collect(option.value, into);
    }
  };
  const walk = (n: object, prefix: string) => {
    for (const [k, v] of Object.entries(n)) {
      if (typeof v !== 'string') walk(v as object, `${prefix}${k}.`);
      else {
        const names = new Set<string>();
        collect(parse(v), names);
        out[`${prefix}${k}`] = [...names].sort();
      }
    }
  };
  walk(node, '');
  return out;
}

describe('translations', () => {
  it('has every Italian string in English, with the same placeholders', () => {
    expect(keys(en).sort()).toEqual(keys(italian).sort());
    expect(argumentsOf(en)).toEqual(argumentsOf(italian));
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

  it('writes counts in the singular and the plural', () => {
    expect(translator('it')('theme.count', { count: 1 })).toBe('1 messaggio');
    expect(translator('it')('theme.count', { count: 12345 })).toBe('12.345 messaggi');
    expect(translator('en')('theme.count', { count: 1 })).toBe('1 message');
    expect(translator('en')('theme.count', { count: 2 })).toBe('2 messages');
    expect(translator('it')('home.listCount', { shown: 1, total: 312 })).toBe('1 comune su 312');
  });

  it('formats every message in both languages with sample arguments', () => {
    for (const [locale, dictionary] of [
      ['it', italian],
      ['en', en],
    ] as const) {
      const t = translator(locale);
      for (const [key, names] of Object.entries(argumentsOf(dictionary))) {
        const text = t(key as Parameters<typeof t>[0], Object.fromEntries(names.map((name) => [name, 2])));
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
        expect(text, `${locale} ${key}`).not.toBe(key);
      }
    }
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
