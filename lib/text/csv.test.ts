import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from './csv';

describe('CSV reader', () => {
  it('reads quoted fields, doubled quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n"Rossi, Anna","detto ""il sindaco"""\r\n')).toEqual([
      ['a', 'b'],
      ['Rossi, Anna', 'detto "il sindaco"'],
    ]);
  });

  it('detects the semicolon of Italian spreadsheets and skips blank lines', () => {
    expect(parseCsv('\uFEFFemail;nome\n\nx@y.it;Anna\n')).toEqual([
      ['email', 'nome'],
      ['x@y.it', 'Anna'],
    ]);
  });
});

describe('csvLine', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', '=SUM(A1)', 'x\ny'])).toBe('a,"b,c","say ""hi""",\'=SUM(A1),"x\ny"\r\n');
  });
  it('reads back what it writes', () => {
    const fields = ["Sauze d'Oulx", 'a;b', 'riga\nnuova', ''];
    expect(parseCsv(csvLine(fields) + csvLine(['x', 'y', 'z', 'w']))[0]).toEqual(fields);
  });
});
