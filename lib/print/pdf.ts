import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/*
 * Printed messages for the places the web does not reach (the parish
 * noticeboard, the pharmacy window, the shop door): A4 PDFs made with pdfkit,
 * in the portal's typeface (Titillium Web, from the same npm package the pages
 * use), each message with a QR code (qrcode) to its page and its short address
 * written out for those who type it.
 */

const FONT_DIR = path.join(process.cwd(), 'node_modules/@fontsource/titillium-web/files');
const REGULAR = path.join(FONT_DIR, 'titillium-web-latin-400-normal.woff');
const BOLD = path.join(FONT_DIR, 'titillium-web-latin-700-normal.woff');
const PRIMARY = '#0066cc';
const INK = '#1a1a1a';
const MUTED = '#5c6f82';
const A4_MARGIN = 48;

export interface PrintedMessage {
  comune: string;
  title: string;
  text: string;
  publishedOn: string;
  /** The message page, which the QR code opens. */
  url: string;
  /** The short address written under the code (without the scheme). */
  shortUrl: string;
}

export interface PrintLabels {
  institution: string;
  site: string;
  scan: string;
  typeAddress: string;
}

/** A QR code as a PNG, medium error correction (a poster gets creased and faded). */
export function qrPng(url: string, widthPx: number): Promise<Buffer> {
  return QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 2, width: widthPx, color: { dark: '#000000', light: '#ffffff' } });
}

function newDocument(title: string, language: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: A4_MARGIN,
    info: { Title: title, Creator: 'VociComuni' },
    lang: language,
    pdfVersion: '1.7',
    tagged: false,
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  return doc;
}

function finished(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The institution's band across the top, as on the site. */
function band(doc: PDFKit.PDFDocument, labels: PrintLabels): void {
  doc.rect(0, 0, doc.page.width, 64).fill(PRIMARY);
  doc.fillColor('#ffffff').font('bold').fontSize(20).text(labels.site, A4_MARGIN, 14, { lineBreak: false });
  doc.font('regular').fontSize(11).text(labels.institution, A4_MARGIN, 40, { lineBreak: false });
  doc.fillColor(INK);
}

/** Text shortened to whole words within `max` characters. */
export function shortened(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  // The cut falls between two words, or inside one, which then goes.
  const words = flat[max - 1] === ' ' ? cut : cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2));
  return `${words.trimEnd()}…`;
}

/** One message on one A4 page: comune, title, a short text, a large QR code and the short address. */
export async function messagePoster(message: PrintedMessage, labels: PrintLabels, language: string): Promise<Buffer> {
  const doc = newDocument(`${message.comune} · ${message.title}`, language);
  band(doc, labels);
  const width = doc.page.width - 2 * A4_MARGIN;
  doc.font('bold').fontSize(22).fillColor(PRIMARY).text(message.comune, A4_MARGIN, 96, { width });
  doc.font('bold').fontSize(34).fillColor(INK).text(message.title, { width, lineGap: 2 });
  doc.moveDown(0.4).font('regular').fontSize(12).fillColor(MUTED).text(message.publishedOn, { width });
  const qrSize = 220;
  const qrTop = doc.page.height - A4_MARGIN - qrSize - 70;
  if (message.text) {
    doc.moveDown(0.8);
    // Whatever the title took, the text stops above the code.
    const room = qrTop - 24 - doc.y;
    if (room > 40) doc.font('regular').fontSize(15).fillColor(INK).text(shortened(message.text, 600), { width, lineGap: 3, height: room, ellipsis: true });
  }
  doc.image(await qrPng(message.url, 660), (doc.page.width - qrSize) / 2, qrTop, { width: qrSize, height: qrSize });
  doc
    .font('bold')
    .fontSize(16)
    .fillColor(INK)
    .text(labels.scan, A4_MARGIN, qrTop + qrSize + 8, { width, align: 'center' });
  doc.font('regular').fontSize(14).fillColor(INK).text(`${labels.typeAddress} ${message.shortUrl}`, { width, align: 'center' });
  return finished(doc);
}

/** A comune's messages of the week on one A4 page (two columns of cards, each with its QR code), more pages if needed. */
export async function weeklyBulletin(
  heading: { comune: string; title: string; period: string; note?: string | null; empty: string },
  messages: PrintedMessage[],
  labels: PrintLabels,
  language: string,
): Promise<Buffer> {
  const doc = newDocument(`${heading.comune} · ${heading.title}`, language);
  band(doc, labels);
  const width = doc.page.width - 2 * A4_MARGIN;
  doc.font('bold').fontSize(24).fillColor(PRIMARY).text(heading.comune, A4_MARGIN, 90, { width });
  doc.font('bold').fontSize(18).fillColor(INK).text(heading.title, { width });
  doc.font('regular').fontSize(12).fillColor(MUTED).text(heading.period, { width });
  if (heading.note) doc.moveDown(0.6).font('regular').fontSize(13).fillColor(INK).text(heading.note, { width });
  if (!messages.length) {
    doc.moveDown(2).font('regular').fontSize(15).fillColor(INK).text(heading.empty, { width });
    return finished(doc);
  }
  const gap = 18;
  const cardWidth = (width - gap) / 2;
  const cardHeight = 262;
  const qrSize = 110;
  let top = doc.y + 18;
  for (const [index, message] of messages.entries()) {
    const column = index % 2;
    if (column === 0 && index > 0) top += cardHeight + gap;
    if (top + cardHeight > doc.page.height - A4_MARGIN) {
      doc.addPage();
      band(doc, labels);
      top = 90;
    }
    const left = A4_MARGIN + column * (cardWidth + gap);
    doc.roundedRect(left, top, cardWidth, cardHeight, 6).lineWidth(1).strokeColor('#c5c7c9').stroke();
    const inner = cardWidth - 24;
    doc
      .font('bold')
      .fontSize(15)
      .fillColor(INK)
      .text(shortened(message.title, 90), left + 12, top + 12, { width: inner, height: 62, ellipsis: true });
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(MUTED)
      .text(message.publishedOn, left + 12, top + 78, { width: inner });
    doc
      .font('regular')
      .fontSize(11)
      .fillColor(INK)
      .text(shortened(message.text, 160), left + 12, top + 94, { width: inner, height: 30, ellipsis: true });
    doc.image(await qrPng(message.url, 330), left + (cardWidth - qrSize) / 2, top + 130, { width: qrSize, height: qrSize });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(INK)
      .text(message.shortUrl, left + 12, top + 244, { width: inner, align: 'center' });
  }
  return finished(doc);
}
