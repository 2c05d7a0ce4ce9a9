export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A single value of a search parameter (the first, when it is repeated). */
export function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
