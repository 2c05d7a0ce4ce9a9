import { csvLine, parseCsv } from '../text/csv';

/*
 * A group's comuni as a file of ISTAT codes, the form a spreadsheet or another
 * office's list can produce (README, "Groups of comuni"):
 *
 *   - one code per line, or a CSV (`,` or `;`) whose header names a column
 *     `istat`, `codice_istat` or `pro_com_t`; other columns are ignored;
 *   - a code is the comune's 6-digit ISTAT code; 4 or 5 digits are taken as
 *     the same code whose leading zeros a spreadsheet dropped (1272 → 001272);
 *   - empty lines are skipped.
 *
 * Names are never used: two comuni may share one, and ISTAT codes are the key
 * the portal joins on everywhere.
 */

export const MAX_CSV_BYTES = 100_000;
const CODE_COLUMNS = ['istat', 'codice_istat', 'pro_com_t'];

export interface ParsedCodes {
  codes: string[];
  /** Rows (1-based, empty lines not counted) whose value is no ISTAT code, with what they held (cut short). */
  bad: Array<{ line: number; value: string }>;
}

export function parseIstatCodes(text: string): ParsedCodes {
  const rows = parseCsv(text);
  const named = (rows[0] ?? []).findIndex((cell) => CODE_COLUMNS.includes(cell.trim().toLowerCase()));
  const column = Math.max(named, 0);
  const codes = new Set<string>();
  const bad: ParsedCodes['bad'] = [];
  rows.forEach((row, i) => {
    if (i === 0 && named >= 0) return;
    const value = (row[column] ?? '').trim();
    if (/^\d{4,6}$/.test(value)) codes.add(value.padStart(6, '0'));
    else bad.push({ line: i + 1, value: value.slice(0, 40) });
  });
  return { codes: [...codes], bad };
}

/** The example file: the header and one line per comune. */
export function istatCodesCsv(comuni: ReadonlyArray<{ istatCode: string; name: string }>): string {
  return csvLine(['istat', 'comune']) + comuni.map((c) => csvLine([c.istatCode, c.name])).join('');
}
