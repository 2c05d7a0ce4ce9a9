/** Lower case, accents folded, apostrophes and dashes as spaces: "Sauze d’Oulx" → "sauze d oulx". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[’'`´\-‐–—_.,;:/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** URL slug of a name: "Sauze d'Oulx" → "sauze-d-oulx", "Viù" → "viu". */
export function slugify(text: string): string {
  return foldForSearch(text)
    .replace(/[^a-z0-9 ]/g, '')
    .trim()
    .replace(/ +/g, '-');
}
