import { escapeMarkup } from '@/lib/text/markup';

/** Wraps text into lines of at most `width` characters. */
function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if ((line + ' ' + word).trim().length > width && line) {
      lines.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]!.slice(0, width - 1)}…`;
  }
  return lines;
}

/** A poster drawn by the portal, so a message page never loads an image from YouTube before the visitor asks. */
export function posterSvg(video: { title: string; municipality: { name: string } }): string {
  const title = wrap(video.title, 34, 3)
    .map((l, i) => `<text x="48" y="${210 + i * 52}" font-size="42" font-weight="700" fill="#ffffff">${escapeMarkup(l)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 540" width="960" height="540">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0066cc"/><stop offset="1" stop-color="#003366"/></linearGradient></defs>
<rect width="960" height="540" fill="url(#g)"/>
<text x="48" y="120" font-size="30" fill="#ccfbf1" font-family="system-ui, sans-serif">${escapeMarkup(video.municipality.name)}</text>
<g font-family="system-ui, sans-serif">${title}</g>
<text x="48" y="490" font-size="24" fill="#ccfbf1" font-family="system-ui, sans-serif">VociComuni</text>
</svg>`;
}
