'use server';

import { revalidatePath } from 'next/cache';
import { ForbiddenError, userForAction } from '@/lib/auth/guard';
import { createInvitations, InvitationRejected, parseInvitationCsv, validateInvitation, type InvitationError } from '@/lib/accounts/invitations';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { isLocale, translator, type MessageKey } from '@/lib/i18n';
import type { InviteFormState } from '@/components/staff/invite-state';

function describe(locale: 'it' | 'en', errors: InvitationError[]): string[] {
  const t = translator(locale);
  return errors.map((e) => `${t('invite.line', { line: e.line })}: ${t(`invite.errors.${e.code}` as MessageKey, { value: e.value ?? '' })}`);
}

async function run(locale: 'it' | 'en', values: Record<string, string>, build: () => Promise<number>): Promise<InviteFormState> {
  const t = translator(locale);
  try {
    const count = await build();
    revalidatePath('/[locale]/staff/inviti', 'page');
    return { values: {}, errors: [], notice: t('invite.done', { count }) };
  } catch (error) {
    if (error instanceof ForbiddenError) return { values, errors: [t('auth.forbiddenText')], notice: null };
    if (error instanceof InvitationRejected) return { values, errors: [t('invite.rejected'), ...describe(locale, error.errors)], notice: null };
    throw error;
  }
}

export async function inviteOneAction(_previous: InviteFormState, data: FormData): Promise<InviteFormState> {
  const locale = isLocale(data.get('locale')) ? (data.get('locale') as 'it' | 'en') : 'it';
  const values = Object.fromEntries(['email', 'name', 'role', 'istatCode'].map((k) => [k, String(data.get(k) ?? '')]));
  return run(locale, values, async () => {
    const admin = await userForAction(['ADMIN']);
    let istat = values.istatCode!.trim();
    // Staff may type the comune's name instead of its code.
    if (istat && !/^\d+$/.test(istat)) {
      const match = await db().municipality.findFirst({
        where: { name: { equals: istat, mode: 'insensitive' }, areaCode: config().areaCode },
        select: { istatCode: true },
      });
      istat = match?.istatCode ?? istat;
    }
    const result = validateInvitation({ ...values, istatCode: istat }, 1);
    if (!result.invitation) throw new InvitationRejected(result.errors);
    return (await createInvitations(db(), admin, [{ ...result.invitation, line: 1 }], config().publicUrl)).length;
  });
}

export async function importCsvAction(_previous: InviteFormState, data: FormData): Promise<InviteFormState> {
  const locale = isLocale(data.get('locale')) ? (data.get('locale') as 'it' | 'en') : 'it';
  return run(locale, {}, async () => {
    const admin = await userForAction(['ADMIN']);
    const file = data.get('csv');
    const text = file instanceof File && file.size > 0 && file.size < 2 * 1024 * 1024 ? await file.text() : '';
    const parsed = parseInvitationCsv(text);
    if (parsed.errors.length) throw new InvitationRejected(parsed.errors);
    return (await createInvitations(db(), admin, parsed.invitations, config().publicUrl)).length;
  });
}
