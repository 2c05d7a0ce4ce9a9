import { z } from 'zod';

/*
 * A number from a form that will reach a query as an integer key or counter:
 * PostgreSQL's integer stops at 2^31 − 1, and a larger value would be an error
 * of the database (a 500) instead of a refusal of the form (a 400).
 */
export const INT_MAX = 2_147_483_647;

/** A row id (themes, templates, banners, election periods). */
export const rowId = z.coerce.number().int().positive().max(INT_MAX);

/** A message's revision, as a form carries it back. */
export const revisionNumber = z.coerce.number().int().min(1).max(INT_MAX);

/** A UUID key (users, accessibility reports): anything else would be a database error, not a refusal. */
export const uuidKey = z.string().trim().toLowerCase().pipe(z.uuid());
