import { z } from 'zod';
import { recordAudits } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import { invitationMail } from '../mail/templates';
import { enqueueMails } from '../notifications/outbox';
import { Prisma } from '../generated/prisma/client';
import { parseCsv } from '../text/csv';
import { isSingleLine } from '../text/safe-text';

/*
 * Staff invite the people who may sign in: one by one or from a CSV file. An
 * import is all or nothing: every bad row is reported with its line, and no
 * row is stored unless all are good.
 */

export const ROLES = ['MAYOR', 'MODERATOR', 'ADMIN'] as const;

export type InvitationErrorCode =
  'email' | 'emailMissing' | 'name' | 'role' | 'istat' | 'istatMissing' | 'unknownComune' | 'duplicate' | 'exists' | 'header' | 'empty' | 'tooMany';

/** Rows one file may hold: every mayor and officer of a metropolitan area several times over, and few enough for one transaction. */
export const MAX_INVITATIONS = 5000;
const IMPORT_TRANSACTION = { timeout: 60_000 };

export interface InvitationError {
  line: number;
  code: InvitationErrorCode;
  value?: string;
}

export const invitationSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: 'email' })),
    name: z.string().trim().min(1, { error: 'name' }).max(120, { error: 'name' }).refine(isSingleLine, { error: 'name' }),
    role: z.enum(ROLES, { error: 'role' }),
    istatCode: z
      .string()
      .trim()
      .transform((v) => (v === '' ? null : v.padStart(6, '0')))
      .pipe(
        z
          .string()
          .regex(/^\d{6}$/, { error: 'istat' })
          .nullable(),
      )
      .nullable()
      .default(null),
  })
  .refine((v) => (v.role === 'MAYOR') === (v.istatCode !== null), { error: 'istat', path: ['istatCode'] });

export type Invitation = z.infer<typeof invitationSchema>;

export class InvitationRejected extends Error {
  constructor(readonly errors: InvitationError[]) {
    super(`${errors.length} invitation errors`);
    this.name = 'InvitationRejected';
  }
}

const HEADER_ALIASES: Record<string, keyof Invitation> = {
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  name: 'name',
  nome: 'name',
  role: 'role',
  ruolo: 'role',
  istat: 'istatCode',
  istat_code: 'istatCode',
  codice_istat: 'istatCode',
  comune: 'istatCode',
};

const ROLE_ALIASES: Record<string, string> = { sindaco: 'MAYOR', moderatore: 'MODERATOR', amministratore: 'ADMIN' };

export function validateInvitation(input: Record<string, unknown>, line: number): { invitation?: Invitation; errors: InvitationError[] } {
  const role = typeof input.role === 'string' ? (ROLE_ALIASES[input.role.trim().toLowerCase()] ?? input.role.trim().toUpperCase()) : input.role;
  const parsed = invitationSchema.safeParse({ ...input, role, istatCode: input.istatCode ?? '' });
  if (parsed.success) return { invitation: parsed.data, errors: [] };
  const codes = new Set(parsed.error.issues.map((issue) => issue.message as InvitationErrorCode));
  const given = (value: unknown) => String(value ?? '').trim();
  // zod checks the rule across fields only once every field passes: checked here as well, so that one answer names every wrong field.
  if ((role === 'MAYOR') !== (given(input.istatCode) !== '')) codes.add('istat');
  return {
    errors: [...codes].map((code) => {
      // An empty field is missing, not invalid: "indirizzo e-mail mancante", not "non valido ()".
      if (code === 'email' && !given(input.email)) return { line, code: 'emailMissing' as const };
      if (code === 'istat' && !given(input.istatCode)) return { line, code: 'istatMissing' as const };
      return { line, code, value: code === 'istat' ? given(input.istatCode) : code === 'email' ? given(input.email) : undefined };
    }),
  };
}

/** Reads a CSV of invitations (header: email, name, role, istat — Italian names accepted). */
export function parseInvitationCsv(text: string): { invitations: Array<Invitation & { line: number }>; errors: InvitationError[] } {
  const rows = parseCsv(text);
  if (rows.length < 2) return { invitations: [], errors: [{ line: 1, code: 'empty' }] };
  const columns = rows[0]!.map((name) => HEADER_ALIASES[name.trim().toLowerCase()]);
  if (!columns.includes('email') || !columns.includes('name') || !columns.includes('role')) return { invitations: [], errors: [{ line: 1, code: 'header' }] };
  if (rows.length - 1 > MAX_INVITATIONS) return { invitations: [], errors: [{ line: MAX_INVITATIONS + 2, code: 'tooMany', value: String(MAX_INVITATIONS) }] };
  const invitations: Array<Invitation & { line: number }> = [];
  const errors: InvitationError[] = [];
  rows.slice(1).forEach((cells, index) => {
    const line = index + 2;
    const record: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column) record[column] = cells[i] ?? '';
    });
    const result = validateInvitation(record, line);
    if (result.invitation) invitations.push({ ...result.invitation, line });
    errors.push(...result.errors);
  });
  return { invitations, errors };
}

/**
 * Creates the invited accounts in one transaction, or none: unknown comuni,
 * addresses repeated in the file and addresses already invited are all
 * reported. Administrators only: an invitation can make an administrator.
 * Each invitation is an audit event, and its mail goes to the outbox in the
 * same transaction (sent right after, retried if the mail server is down).
 */
export async function createInvitations(
  db: Db,
  actor: SignedInUser | null,
  invitations: Array<Invitation & { line: number }>,
  publicUrl: string,
): Promise<Array<{ id: string; email: string; name: string }>> {
  const admin = requireCapability(actor, 'administer');
  const errors: InvitationError[] = [];
  const seen = new Map<string, number>();
  for (const inv of invitations) {
    if (seen.has(inv.email)) errors.push({ line: inv.line, code: 'duplicate', value: inv.email });
    seen.set(inv.email, inv.line);
  }
  const codes = [...new Set(invitations.map((i) => i.istatCode).filter((c): c is string => c !== null))];
  const known = new Set((await db.municipality.findMany({ where: { istatCode: { in: codes } }, select: { istatCode: true } })).map((m) => m.istatCode));
  const existing = new Set((await db.user.findMany({ where: { email: { in: [...seen.keys()] } }, select: { email: true } })).map((u) => u.email));
  for (const inv of invitations) {
    if (inv.istatCode && !known.has(inv.istatCode)) errors.push({ line: inv.line, code: 'unknownComune', value: inv.istatCode });
    if (existing.has(inv.email)) errors.push({ line: inv.line, code: 'exists', value: inv.email });
  }
  if (errors.length) throw new InvitationRejected(errors.sort((a, b) => a.line - b.line));
  try {
    // Three statements whatever the file's length; a file of thousands of rows still takes seconds, beyond Prisma's 5 s default.
    return await db.$transaction((tx) => insertInvitations(tx, admin.id, invitations, publicUrl), IMPORT_TRANSACTION);
  } catch (error) {
    // Someone invited the same address between our check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new InvitationRejected([{ line: invitations[0]?.line ?? 1, code: 'exists' }]);
    }
    throw error;
  }
}

/** The accounts, their audit events (actor null: the operator's command line) and their mails, in the caller's transaction. */
async function insertInvitations(tx: Tx, actorId: string | null, invitations: readonly Invitation[], publicUrl: string) {
  const created = await tx.user.createManyAndReturn({
    data: invitations.map((inv) => ({ email: inv.email, name: inv.name, role: inv.role, municipalityIstat: inv.istatCode, invitedById: actorId })),
    select: { id: true, email: true, name: true },
  });
  const idOf = new Map(created.map((user) => [user.email, user.id]));
  await recordAudits(
    tx,
    invitations.map((inv) => ({
      actorId,
      action: 'user.invite',
      subjectType: 'user',
      subjectId: idOf.get(inv.email)!,
      municipalityIstat: inv.istatCode,
      after: { email: inv.email, name: inv.name, role: inv.role, istatCode: inv.istatCode },
    })),
  );
  await enqueueMails(
    tx,
    'invitation',
    invitations.map((inv) => invitationMail(inv.email, inv.name, `${publicUrl}/accedi`)),
  );
  return created;
}

export type FirstAdministratorResult = { ok: true; email: string } | { ok: false; code: 'administratorExists' | 'invalid'; message: string };

/**
 * A new installation's way in (npm run admin:first): the operator invites the
 * first administrator from the machine, who then invites everyone else from
 * /staff/inviti. Refused once any administrator exists, so the command cannot
 * be used to add accounts behind the staff's back.
 */
export async function inviteFirstAdministrator(db: Db, input: { email: string; name: string }, publicUrl: string): Promise<FirstAdministratorResult> {
  const parsed = invitationSchema.safeParse({ ...input, role: 'ADMIN', istatCode: '' });
  if (!parsed.success) return { ok: false, code: 'invalid', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const invitation = parsed.data;
  return db.$transaction(async (tx) => {
    // Two operators at once: one invites, the other is told an administrator exists.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vocicomuni.first-administrator'))`;
    const admins = await tx.user.count({ where: { role: 'ADMIN' } });
    if (admins > 0) return { ok: false, code: 'administratorExists', message: 'An administrator exists: invite people from /staff/inviti.' } as const;
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
      return { ok: false, code: 'invalid', message: `${invitation.email} already has an account with another role.` } as const;
    }
    await insertInvitations(tx, null, [invitation], publicUrl);
    return { ok: true, email: invitation.email } as const;
  });
}
