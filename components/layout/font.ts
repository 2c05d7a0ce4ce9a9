import localFont from 'next/font/local';

/*
 * Titillium Web, the typeface of Italian public services, from the npm
 * package (nothing is fetched from Google). Through next/font so that the two
 * weights are preloaded with the page and the text first drawn in a system
 * font sized to Titillium's metrics (adjustFontFallback): citizen pages paint
 * before their font arrives on a weak line, and must not jump when it does.
 * Only the Latin subset: Italian and the comuni's names need nothing else.
 */
export const titillium = localFont({
  src: [
    { path: '../../node_modules/@fontsource/titillium-web/files/titillium-web-latin-400-normal.woff2', weight: '400', style: 'normal' },
    { path: '../../node_modules/@fontsource/titillium-web/files/titillium-web-latin-700-normal.woff2', weight: '700', style: 'normal' },
  ],
  display: 'swap',
  variable: '--font-titillium',
  adjustFontFallback: 'Arial',
});
