import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { messagePoster, shortened, weeklyBulletin, type PrintedMessage, type PrintLabels } from './pdf';

/* The printed poster and bulletin render (poppler's pdftoppm), say what they should, and their QR codes decode back to the message. */

const labels: PrintLabels = {
  institution: 'Città metropolitana di Torino',
  site: 'VociComuni · vocicomuni.example',
  scan: 'Inquadra il codice con il telefono per guardare o ascoltare il messaggio',
  typeAddress: 'Oppure scrivi l’indirizzo:',
};

function message(n: number): PrintedMessage {
  const code = `0a1b2c3d4e${String(n).padStart(2, '0')}`;
  return {
    comune: 'Sauze d’Oulx',
    title: `Consegna della spesa a domicilio per chi è solo, settimana ${n}`,
    text: 'Il Comune porta la spesa e i farmaci a casa di chi ha più di 65 anni o non può uscire. Chiamate il numero del municipio dalle 9 alle 12. '.repeat(3),
    publishedOn: 'Pubblicato il 2 dicembre 2026',
    url: `https://vocicomuni.example/m/${code}`,
    shortUrl: `vocicomuni.example/m/${code}`,
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'vc-print-'));

/** The PDF's pages as images at `dpi`, and its text. */
function render(pdf: Buffer, name: string, dpi: number): { pages: PNG[]; text: string } {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, path.join(dir, name)]);
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
  const pages = Array.from({ length: count }, (_, i) => {
    const suffix = count >= 10 ? String(i + 1).padStart(2, '0') : String(i + 1);
    return PNG.sync.read(readFileSync(path.join(dir, `${name}-${suffix}.png`)));
  });
  return { pages, text: execFileSync('pdftotext', ['-layout', file, '-']).toString() };
}

/** The QR code in a region of a page (points from the top left, as pdfkit places things). */
function decodeAt(page: PNG, dpi: number, region: { x: number; y: number; size: number }): string | null {
  const scale = dpi / 72;
  const [x0, y0, side] = [Math.round(region.x * scale), Math.round(region.y * scale), Math.round(region.size * scale)];
  const crop = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    const from = ((y0 + y) * page.width + x0) * 4;
    crop.set(page.data.subarray(from, from + side * 4), y * side * 4);
  }
  return jsQR(crop, side, side)?.data ?? null;
}

describe('printed messages', () => {
  it('makes an A4 poster whose QR code opens the message, with the comune, the title and the short address in words', async () => {
    const pdf = await messagePoster(message(1), labels, 'it');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text } = render(pdf, 'poster', 100);
    expect(pages).toHaveLength(1);
    // A4 at 100 dpi: 827 × 1169 pixels.
    expect([pages[0]!.width, pages[0]!.height]).toEqual([827, 1170]);
    const whole = pages[0]!;
    const found = jsQR(new Uint8ClampedArray(whole.data), whole.width, whole.height);
    expect(found?.data).toBe('https://vocicomuni.example/m/0a1b2c3d4e01');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Sauze d’Oulx');
    expect(flat).toContain('Consegna della spesa a domicilio');
    expect(flat).toContain('Oppure scrivi l’indirizzo: vocicomuni.example/m/0a1b2c3d4e01');
    expect(flat).toContain('Città metropolitana di Torino');
  });

  it('makes a weekly bulletin with every message of the week and a QR code for each, on as many pages as needed', async () => {
    const messages = Array.from({ length: 6 }, (_, i) => message(i + 1));
    const pdf = await weeklyBulletin(
      { comune: 'Sauze d’Oulx', title: 'I messaggi del sindaco della settimana', period: 'Dal 25 novembre al 2 dicembre 2026', empty: '' },
      messages,
      labels,
      'it',
    );
    const dpi = 150;
    const { pages, text } = render(pdf, 'bulletin', dpi);
    expect(pages).toHaveLength(2);
    expect(text).toContain('Dal 25 novembre al 2 dicembre 2026');
    // Cards in two columns; four fit on the first page, the rest go on the next.
    const decoded: string[] = [];
    for (const page of pages) {
      for (let y = 0; y + 110 < 842; y += 20) {
        for (const x of [48, 48 + (499 - 18) / 2 + 18]) {
          const qr = decodeAt(page, dpi, { x: x + ((499 - 18) / 2 - 130) / 2, y, size: 130 });
          if (qr && !decoded.includes(qr)) decoded.push(qr);
        }
      }
    }
    expect(decoded.sort()).toEqual(messages.map((m) => m.url).sort());
  });

  it('says so when the comune has nothing to print', async () => {
    const pdf = await weeklyBulletin(
      {
        comune: 'Moncenisio',
        title: 'I messaggi del sindaco della settimana',
        period: 'Dal 25 novembre al 2 dicembre 2026',
        empty: 'Il comune non ha ancora pubblicato messaggi.',
      },
      [],
      labels,
      'it',
    );
    expect(render(pdf, 'empty', 50).text).toContain('Il comune non ha ancora pubblicato messaggi.');
  });

  it('shortens long texts at a word', () => {
    expect(shortened('uno due tre quattro cinque', 12)).toBe('uno due tre…');
    expect(shortened('  breve\n testo ', 50)).toBe('breve testo');
  });
});
