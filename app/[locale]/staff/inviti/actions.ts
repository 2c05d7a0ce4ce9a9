'use server';

import { revalidatePath } from 'next/cache';
import { ForbiddenError, userForAction } from '@/lib/auth/guard';
import { createInvitations, InvitationRejected, parseInvitationCsv, validateInvitation, type InvitationError } from '@/lib/accounts/invitations';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { localeOf, translator, type MessageKey } from '@/lib/i18n';
import type { InviteFormError, InviteFormState } from '@/components/staff/invite-state';

/** The input of the one-person form each refusal concerns; an already invited address is the e-mail's. */
const ONE_FORM_INPUT: Record<InvitationError['code'], string> = {
  email: 'inv-email',
  exists: 'inv-email',
  duplicate: 'inv-email',
  name: 'inv-name',
  role: 'inv-role',
  istat: 'inv-istat',
  istatMissing: 'inv-istat',
  emailMissing: 'inv-email',
  unknownComune: 'inv-istat',
  header: 'inv-csv',
  empty: 'inv-csv',
  tooMany: 'inv-csv',
};

type Form = 'one' | 'csv';

/** Every refusal at once: for the one-person form, each linked to its input; for a file, by line, linked to the file input. */
function describe(locale: 'it' | 'en', form: Form, errors: InvitationError[]): InviteFormError[] {
  const t = translator(locale);
  return errors.map((e, i) => {
    const text = t(`invite.errors.${e.code}` as MessageKey, { value: e.value ?? '' });
    return form === 'one'
      ? { field: `${e.code}-${i}`, message: text, target: ONE_FORM_INPUT[e.code] }
      : { field: `${e.line}-${e.code}-${i}`, message: `${t('invite.line', { line: e.line })}: ${text}`, target: 'inv-csv' };
  });
}

async function run(locale: 'it' | 'en', form: Form, values: Record<string, string>, build: () => Promise<number>): Promise<InviteFormState> {
  const t = translator(locale);
  try {
    const count = await build();
    revalidatePath('/[locale]/staff/inviti', 'page');
    return { values: {}, errors: [], notice: t('invite.done', { count }) };
  } catch (error) {
    if (error instanceof ForbiddenError) return { values, errors: [{ field: 'forbidden', message: t('auth.forbiddenText') }], notice: null };
    if (error instanceof InvitationRejected) return { values, errors: describe(locale, form, error.errors), notice: null };
    throw error;
  }
}

export async function inviteOneAction(_previous: InviteFormState, data: FormData): Promise<InviteFormState> {
  const locale = localeOf(data.get('locale'));
  const values = Object.fromEntries(['email', 'name', 'role', 'istatCode'].map((k) => [k, String(data.get(k) ?? '')]));
  return run(locale, 'one', values, async () => {
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
  const locale = localeOf(data.get('locale'));
  return run(locale, 'csv', {}, async () => {
    const admin = await userForAction(['ADMIN']);
    const file = data.get('csv');
    const text = file instanceof File && file.size > 0 && file.size < 2 * 1024 * 1024 ? await file.text() : '';
    const parsed = parseInvitationCsv(text);
    if (parsed.errors.length) throw new InvitationRejected(parsed.errors);
    return (await createInvitations(db(), admin, parsed.invitations, config().publicUrl)).length;
  });
}
