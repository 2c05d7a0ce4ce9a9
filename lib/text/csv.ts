/*
 * A small RFC 4180 reader: quoted fields, doubled quotes, CRLF, and the
 * semicolon that Italian spreadsheets write instead of a comma.
 */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** One CSV line (RFC 4180, CRLF); cells that a spreadsheet would run as formulas are defused. */
export function csvLine(fields: readonly string[]): string {
  return `${fields
    .map((raw) => {
      const field = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
      return /[",\r\n;]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
    })
    .join(',')}\r\n`;
}

/** A CSV download streamed from rows as they are read: a UTF-8 BOM (for spreadsheets), the header, then each row. */
export function csvStream<T>(header: readonly string[], rows: AsyncIterable<T>, fields: (row: T) => string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csvLine(fields(next.value))));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** A staff CSV download of rows already read (a page's table), private and never cached. */
export function csvDownload<T>(filename: string, header: readonly string[], rows: readonly T[], fields: (row: T) => string[]): Response {
  async function* each(): AsyncGenerator<T> {
    yield* rows;
  }
  return new Response(csvStream(header, each(), fields), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
