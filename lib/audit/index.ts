import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import type { Prisma } from '../generated/prisma/client';

/*
 * The audit trail: who did what, when, to what, with the state before and
 * after and the reason. Written in the same transaction as the change it
 * records; the database refuses to update, delete or truncate it.
 */

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: 'message' | 'theme' | 'election' | 'banner' | 'note' | 'template' | 'user' | 'channel' | 'report' | 'group' | 'call' | 'meeting' | 'briefing';
  subjectId: string;
  municipalityIstat?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  reason?: string | null;
  at?: Date;
}

export async function recordAudit(tx: Tx | Db, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, [entry]);
}

/** Several entries in one statement (e.g. an election period for every comune of the area). */
export async function recordAudits(tx: Tx | Db, entries: readonly AuditEntry[]): Promise<void> {
  await tx.auditEvent.createMany({
    data: entries.map((entry) => ({
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      municipalityIstat: entry.municipalityIstat ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
      reason: entry.reason ?? null,
      ...(entry.at ? { at: entry.at } : {}),
    })),
  });
}

export interface AuditFilter {
  actorId?: string;
  subjectType?: string;
  subjectId?: string;
  municipalityIstat?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

function whereOf(filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.subjectType ? { subjectType: filter.subjectType } : {}),
    ...(filter.subjectId ? { subjectId: filter.subjectId } : {}),
    ...(filter.municipalityIstat ? { municipalityIstat: filter.municipalityIstat } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

const AUDIT_SELECT = {
  id: true,
  at: true,
  action: true,
  subjectType: true,
  subjectId: true,
  municipalityIstat: true,
  before: true,
  after: true,
  reason: true,
  actor: { select: { id: true, name: true, email: true, role: true } },
} as const;

export type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_SELECT }>;

/** Newest first, a page at a time (staff only). */
export async function auditLog(db: Db, actor: SignedInUser | null, filter: AuditFilter, page = 1, pageSize = 50): Promise<{ rows: AuditRow[]; total: number }> {
  requireCapability(actor, 'moderate');
  const where = whereOf(filter);
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize, select: AUDIT_SELECT }),
    db.auditEvent.count({ where }),
  ]);
  return { rows, total };
}

/** Every matching row, oldest first, in batches, for the CSV export (staff only). */
export async function* auditRows(db: Db, actor: SignedInUser | null, filter: AuditFilter, batch = 1000): AsyncGenerator<AuditRow> {
  requireCapability(actor, 'moderate');
  let after = -1n;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { ...whereOf(filter), id: { gt: after } }, orderBy: { id: 'asc' }, take: batch, select: AUDIT_SELECT });
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}

export const AUDIT_CSV_HEADER = ['id', 'at', 'actor_email', 'actor_role', 'action', 'subject_type', 'subject_id', 'istat_code', 'before', 'after', 'reason'];

export function auditCsvFields(row: AuditRow): string[] {
  return [
    String(row.id),
    row.at.toISOString(),
    row.actor?.email ?? '',
    row.actor?.role ?? '',
    row.action,
    row.subjectType,
    row.subjectId,
    row.municipalityIstat ?? '',
    row.before === null ? '' : JSON.stringify(row.before),
    row.after === null ? '' : JSON.stringify(row.after),
    row.reason ?? '',
  ];
}
