/*
 * Placeholder filling without the dictionaries, so client components that get
 * their labels as props can use it without shipping both languages.
 */

/** Fills {name} placeholders; numbers are written the language's way. */
export function interpolate(locale: string, template: string, params?: Record<string, string | number>): string {
  const numbers = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'it-IT');
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}
