import { z } from 'zod';

/*
 * What a citizen follows: one comune, one theme, or every message of the area.
 * The database keeps it in two nullable columns and a key (`subject`) that a
 * CHECK ties to them, so that "one subscription per address and subject" is a
 * plain unique index.
 */

export type AlertSubject = { kind: 'all' } | { kind: 'municipality'; istat: string } | { kind: 'theme'; themeId: number };

const SUBJECT_KEY = /^(all|comune:\d{6}|tema:\d{1,9})$/;

export function subjectKey(subject: AlertSubject): string {
  if (subject.kind === 'municipality') return `comune:${subject.istat}`;
  if (subject.kind === 'theme') return `tema:${subject.themeId}`;
  return 'all';
}

export function parseSubjectKey(key: string): AlertSubject | null {
  if (!SUBJECT_KEY.test(key)) return null;
  if (key === 'all') return { kind: 'all' };
  const [kind, value] = key.split(':') as [string, string];
  return kind === 'comune' ? { kind: 'municipality', istat: value } : { kind: 'theme', themeId: Number(value) };
}

/** The row's columns for a subject. */
export function subjectColumns(subject: AlertSubject): { subject: string; municipalityIstat: string | null; themeId: number | null } {
  return {
    subject: subjectKey(subject),
    municipalityIstat: subject.kind === 'municipality' ? subject.istat : null,
    themeId: subject.kind === 'theme' ? subject.themeId : null,
  };
}

export const FREQUENCIES = ['IMMEDIATE', 'WEEKLY'] as const;
export const frequencySchema = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof frequencySchema>;

/** The subject a stored row follows. */
export function subjectOfRow(row: { municipalityIstat: string | null; themeId: number | null }): AlertSubject {
  if (row.municipalityIstat) return { kind: 'municipality', istat: row.municipalityIstat };
  return row.themeId !== null ? { kind: 'theme', themeId: row.themeId } : { kind: 'all' };
}
