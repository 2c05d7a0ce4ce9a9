import { z } from 'zod';
import { rowId } from '../db/ids';
import { hasNoAngleBrackets, isCleanMultiline, isSingleLine } from '../text/safe-text';
import { checked, field } from '../web/form-data';

/*
 * The message form as the server accepts it. Limits are YouTube's, where the
 * message will end up: title ≤ 100 characters, description ≤ 5,000, and no
 * angle brackets in either (YouTube refuses them).
 */

export const MESSAGE_LANGUAGES = ['it', 'en', 'fr', 'de', 'es', 'ro', 'ar', 'sq', 'uk', 'zh'] as const;
export const MAX_THEMES = 3;

export const messageFormSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, { error: 'titleRequired' })
    .max(100, { error: 'titleTooLong' })
    .refine(hasNoAngleBrackets, { error: 'angleBrackets' })
    .refine(isSingleLine, { error: 'controlCharacters' }),
  description: z
    .string()
    .trim()
    .max(5000, { error: 'descriptionTooLong' })
    .refine(hasNoAngleBrackets, { error: 'angleBrackets' })
    .refine(isCleanMultiline, { error: 'controlCharacters' }),
  themes: z.array(rowId).min(1, { error: 'themesCount' }).max(MAX_THEMES, { error: 'themesCount' }),
  language: z.enum(MESSAGE_LANGUAGES, { error: 'language' }),
  mediaId: z
    .string()
    .regex(/^[a-f0-9]{32}$/, { error: 'media' })
    .nullable(),
  consentGiven: z.boolean(),
  minorsShown: z.boolean(),
  madeForKids: z.boolean(),
  /** New captions text; null keeps the current captions; '' removes them. */
  captions: z.string().nullable(),
});

export type MessageForm = z.infer<typeof messageFormSchema>;
export type MessageFieldErrors = Partial<Record<keyof MessageForm | 'form', string>>;

/** What the browser sent, before validation: also what a refused form shows again. */
export interface MessageFormInput {
  title: string;
  description: string;
  themes: number[];
  language: string;
  mediaId: string | null;
  consentGiven: boolean;
  minorsShown: boolean;
  madeForKids: boolean;
}

/** Reads the HTML form (checkboxes, repeated theme fields); captions come apart, from a file. */
export function messageFormFromData(data: FormData): MessageFormInput {
  const text = (name: string) => field(data, name);
  return {
    title: text('title'),
    description: text('description'),
    themes: data.getAll('themes').map(Number).filter(Number.isInteger),
    language: text('language') || 'it',
    mediaId: text('mediaId') || null,
    consentGiven: checked(data, 'consentGiven'),
    minorsShown: checked(data, 'minorsShown'),
    madeForKids: checked(data, 'madeForKids'),
  };
}

export function fieldErrors(error: z.ZodError): MessageFieldErrors {
  const out: MessageFieldErrors = {};
  for (const issue of error.issues) {
    const field = (issue.path[0] as keyof MessageForm | undefined) ?? 'form';
    out[field] ??= issue.message;
  }
  return out;
}

/** What a message still lacks to be submitted (the service refuses it too; the form reports it with the other errors). */
export function missingForSubmission(form: { mediaId: string | null; consentGiven: boolean }): Array<'mediaRequired' | 'consentRequired'> {
  return [...(form.mediaId ? [] : (['mediaRequired'] as const)), ...(form.consentGiven ? [] : (['consentRequired'] as const))];
}
