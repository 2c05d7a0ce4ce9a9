import { describe, expect, it } from 'vitest';
import { istatCodesCsv, parseIstatCodes } from './csv';

describe('a group’s file of ISTAT codes', () => {
  it('reads one code per line, restoring the leading zeros a spreadsheet dropped', () => {
    expect(parseIstatCodes('001272\n1259\n\n001272\n')).toEqual({ codes: ['001272', '001259'], bad: [] });
  });

  it('reads the named column of a CSV with a header, whatever the separator, and ignores the others', () => {
    const csv = '\uFEFFcomune;codice_istat;abitanti\r\n"Torino";"001272";848885\r\nSauze d’Oulx;001259;1170\r\n';
    expect(parseIstatCodes(csv)).toEqual({ codes: ['001272', '001259'], bad: [] });
    expect(parseIstatCodes('pro_com_t,nome\n001272,"Torino, città"')).toEqual({ codes: ['001272'], bad: [] });
  });

  it('says which lines hold no code, without taking names for codes', () => {
    expect(parseIstatCodes('001272\nTorino\n12\n0012720')).toEqual({
      codes: ['001272'],
      bad: [
        { line: 2, value: 'Torino' },
        { line: 3, value: '12' },
        { line: 4, value: '0012720' },
      ],
    });
  });

  it('writes the example in the same format, which reads back to the same codes', () => {
    const text = istatCodesCsv([
      { istatCode: '001272', name: 'Torino' },
      { istatCode: '001090', name: 'Cantalupa, "alta"' },
    ]);
    expect(text).toBe('istat,comune\r\n001272,Torino\r\n001090,"Cantalupa, ""alta"""\r\n');
    expect(parseIstatCodes(text).codes).toEqual(['001272', '001090']);
  });
});
