import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { config, type Institution } from '../config';
import { formatDate, type Locale } from '../i18n';

/*
 * The pages an Italian public body must publish (Law 4/2004, GDPR art. 13),
 * as Markdown files the office edits without touching code (content/legal/,
 * or VC_LEGAL_DIR). The institution's details are configuration and fill
 * {{placeholders}} in the texts.
 */

/** The public address of each page (Italian in every language) and its file. */
export const LEGAL_PAGES = {
  accessibility: { path: '/accessibilita', file: 'accessibilita.md' },
  privacy: { path: '/privacy', file: 'privacy.md' },
  cookies: { path: '/cookie', file: 'cookie.md' },
  legalNotes: { path: '/note-legali', file: 'note-legali.md' },
} as const;

export type LegalPage = keyof typeof LEGAL_PAGES;

function placeholders(institution: Institution, publicUrl: string, locale: Locale): Record<string, string> {
  return {
    'institution.name': institution.name,
    'institution.address': institution.address,
    'institution.email': institution.email,
    'institution.website': institution.website,
    'dpo.email': institution.dpoEmail,
    'accessibility.email': institution.accessibilityEmail,
    'statement.date': formatDate(locale, new Date(`${institution.statementDate}T12:00:00Z`)),
    'site.url': publicUrl,
  };
}

/** Fills {{name}} placeholders; an unknown name stays as written, so a typo shows on the page instead of vanishing. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-z.]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A legal page's Markdown in the language, with the institution's details filled in. */
export async function legalText(page: LegalPage, locale: Locale): Promise<string> {
  const { institution, publicUrl } = config();
  const text = await readFile(path.join(institution.legalDir, locale, LEGAL_PAGES[page].file), 'utf8');
  return fillPlaceholders(text, placeholders(institution, publicUrl, locale));
}
