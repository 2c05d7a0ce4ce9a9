import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('CSV reader', () => {
  it('reads quoted fields, doubled quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n"Rossi, Anna","detto ""il sindaco"""\r\n')).toEqual([['a', 'b'], ['Rossi, Anna', 'detto "il sindaco"']]);
  });

  it('detects the semicolon of Italian spreadsheets and skips blank lines', () => {
    expect(parseCsv('\uFEFFemail;nome\n\nx@y.it;Anna\n')).toEqual([['email', 'nome'], ['x@y.it', 'Anna']]);
  });
});
