import { z } from 'zod';
import type { AuditFilter } from '../audit';
import { parseDay } from '../time/zones';

/* The audit log's filters as they appear in the page's address (and the CSV link). */

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional()).catch(undefined);

export const auditFilterSchema = z.object({
  utente: optional(z.uuid()),
  azione: optional(z.string().regex(/^[a-z.A-Z]{1,64}$/)),
  comune: optional(z.string().regex(/^\d{6}$/)),
  oggetto: optional(z.string().regex(/^[\w-]{1,64}$/)),
  dal: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  al: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  pagina: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type AuditQuery = z.infer<typeof auditFilterSchema>;

export function auditFilterFrom(query: AuditQuery): AuditFilter {
  const to = query.al ? parseDay(query.al) : null;
  return {
    actorId: query.utente,
    action: query.azione,
    municipalityIstat: query.comune,
    subjectId: query.oggetto,
    from: (query.dal && parseDay(query.dal)) || undefined,
    // The last day is included: the filter stops at the following midnight (UTC, near enough for a log).
    to: to ? new Date(to.getTime() + 86_400_000) : undefined,
  };
}
