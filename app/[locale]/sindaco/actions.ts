'use server';

import { userForAction, ForbiddenError } from '@/lib/auth/guard';
import { db } from '@/lib/db/client';
import { rowId } from '@/lib/db/ids';
import type { EditorialStatus } from '@/lib/generated/prisma/enums';
import { localeOf, translator, type MessageKey } from '@/lib/i18n';
import { fieldErrors, messageFormFromData, messageFormSchema, missingForSubmission } from '@/lib/messages/form';
import { parseCaptions } from '@/lib/messages/captions';
import { MAX_CAPTIONS_BYTES } from '@/lib/messages/captions';
import { MessageActionError, saveMessage, submitMessage, withdrawMessage } from '@/lib/messages/service';
import type { MessageFormState } from '@/components/mayor/form-state';

const STATUSES: readonly EditorialStatus[] = ['DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN'];

function statusFrom(value: FormDataEntryValue | null): EditorialStatus | null {
  return STATUSES.find((s) => s === value) ?? null;
}

/*
 * Save (and, with intent=submit, submit) the message form. On any refusal the
 * state carries back everything that was typed, with a translated reason per
 * field, so nothing is lost.
 */
export async function saveMessageAction(previous: MessageFormState, data: FormData): Promise<MessageFormState> {
  const locale = localeOf(data.get('locale'));
  const t = translator(locale);
  const values = messageFormFromData(data);
  const fail = (errors: Record<string, string>): MessageFormState => ({ ...previous, values, errors });
  const videoId = typeof data.get('videoId') === 'string' && data.get('videoId') !== '' ? String(data.get('videoId')) : null;
  const intent = data.get('intent') === 'submit' ? 'submit' : 'save';

  // Every problem is reported in one round: the form's own rules, the file, and what submitting needs.
  const errors: Record<string, string> = {};
  const captionsFile = data.get('captionsFile');
  let captions: string | null = data.get('removeCaptions') === 'on' ? '' : null;
  if (captionsFile instanceof File && captionsFile.size > 0) {
    if (captionsFile.size > MAX_CAPTIONS_BYTES) errors.captions = t('form.errors.captionsTooLarge');
    else {
      captions = await captionsFile.text();
      const checked = parseCaptions(captions);
      if (!checked.ok) errors.captions = t(`form.errors.${checked.error}` as MessageKey);
    }
  }
  const parsed = messageFormSchema.safeParse({ ...values, captions });
  if (!parsed.success) {
    for (const [field, code] of Object.entries(fieldErrors(parsed.error))) errors[field] ??= t(`form.errors.${code}` as MessageKey);
  }
  const submitting = intent === 'submit' || (statusFrom(data.get('status')) ?? 'DRAFT') !== 'DRAFT';
  if (submitting) {
    for (const code of missingForSubmission(values)) errors[code === 'mediaRequired' ? 'mediaId' : 'consentGiven'] ??= t(`form.errors.${code}`);
  }
  if (!parsed.success || Object.keys(errors).length) return fail(errors);
  let id: string;
  try {
    const user = await userForAction(['MAYOR']);
    const callId = rowId.safeParse(data.get('callId'));
    id = await saveMessage(db(), user, videoId, parsed.data, { callId: callId.success ? callId.data : null });
    if (intent === 'submit') {
      const expected = statusFrom(data.get('status')) ?? 'DRAFT';
      await submitMessage(db(), user, id, expected);
    }
  } catch (error) {
    if (error instanceof ForbiddenError) return fail({ form: t('form.errors.forbidden') });
    if (error instanceof MessageActionError) {
      const field = error.code.startsWith('captions')
        ? 'captions'
        : error.code === 'consentRequired'
          ? 'consentGiven'
          : error.code.startsWith('media')
            ? 'mediaId'
            : 'form';
      return fail({ [field]: t(`form.errors.${error.code}` as MessageKey, error.params) });
    }
    throw error;
  }
  return { values, errors: {}, redirectTo: `/sindaco/messaggi/${id}?esito=${intent === 'submit' ? 'inviato' : 'salvato'}` };
}

export async function withdrawMessageAction(_previous: string | null, data: FormData): Promise<string | null> {
  const user = await userForAction(['MAYOR']);
  const videoId = String(data.get('videoId') ?? '');
  const expected = statusFrom(data.get('status'));
  if (!expected) return '/sindaco';
  let outcome = 'ritirato';
  try {
    await withdrawMessage(db(), user, videoId, expected);
  } catch (error) {
    if (!(error instanceof MessageActionError)) throw error;
    outcome = error.code;
  }
  return `/sindaco/messaggi/${videoId}?esito=${outcome}`;
}
