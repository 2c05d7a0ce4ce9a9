'use client';

import { useActionState, useState } from 'react';
import { ErrorSummary } from '@/components/common/ErrorSummary';
import { useFullNavigation } from '@/components/common/useFullNavigation';
import { useMessages, useTranslations } from 'next-intl';
import type { MessageFormState } from './form-state';
import { VideoUploader, type ReadyMedia, type UploadLimits } from './VideoUploader';

/*
 * The mayor's message form. The video uploads on its own (tus) as soon as it is
 * chosen; the text is sent with the form. A refused form comes back with what
 * was typed and a reason next to each field.
 */

/** The input each field's error links to from the summary. */
const FIELD_TARGETS: Record<string, string> = {
  mediaId: 'video-file',
  title: 'title',
  description: 'description',
  themes: 'theme-first',
  language: 'language',
  captions: 'captionsFile',
  consentGiven: 'consentGiven',
};

export interface MessageFormProps {
  action: (state: MessageFormState, data: FormData) => Promise<MessageFormState>;
  locale: string;
  videoId: string | null;
  status: string;
  initial: MessageFormState;
  media: ReadyMedia | null;
  captionsCount: number;
  themes: Array<{ id: number; label: string }>;
  limits: UploadLimits;
  canSubmit: boolean;
  /** The call for messages a new message answers (lib/calls), if any. */
  callId?: number | undefined;
}

export function MessageForm(props: MessageFormProps) {
  const { initial } = props;
  const l = useTranslations('form');
  const languages = useMessages().form.languages;
  const [state, formAction, pending] = useActionState(props.action, initial);
  const [media, setMedia] = useState<ReadyMedia | null>(props.media);
  useFullNavigation(state.redirectTo);
  const values = state.values;
  const errors = state.errors;
  const describe = (field: string, hint?: string) => [hint, errors[field] ? `${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const errorText = (field: string) =>
    errors[field] ? (
      <p id={`${field}-error`} className="font-semibold text-red-800">
        {errors[field]}
      </p>
    ) : null;
  const errorList = Object.entries(errors);

  return (
    <div className="space-y-6">
      <ErrorSummary title={l('errorsTitle')} errors={errorList.map(([field, message]) => ({ field, message, target: FIELD_TARGETS[field] }))} />
      <section aria-labelledby="video-title" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="video-title" className="text-xl font-semibold">
          {l('video')}
        </h2>
        <VideoUploader limits={props.limits} initial={props.media} onReady={setMedia} />
        {errorText('mediaId')}
      </section>
      <form action={formAction} className="space-y-4" noValidate>
        <input type="hidden" name="locale" value={props.locale} />
        <input type="hidden" name="videoId" value={props.videoId ?? ''} />
        {props.callId ? <input type="hidden" name="callId" value={props.callId} /> : null}
        <input type="hidden" name="status" value={props.status} />
        <input type="hidden" name="mediaId" value={media?.id ?? ''} />
        <div>
          <label htmlFor="title" className="block font-semibold">
            {l('title')}
          </label>
          <input
            id="title"
            name="title"
            defaultValue={values.title}
            maxLength={100}
            required
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={describe('title', 'title-hint')}
            className="mt-1 w-full rounded border border-stone-500 bg-white px-2 py-2"
          />
          <p id="title-hint" className="text-sm text-stone-700">
            {l('titleHint')}
          </p>
          {errorText('title')}
        </div>
        <div>
          <label htmlFor="description" className="block font-semibold">
            {l('description')}
          </label>
          <textarea
            id="description"
            name="description"
            defaultValue={values.description}
            maxLength={5000}
            rows={6}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={describe('description', 'description-hint')}
            className="mt-1 w-full rounded border border-stone-500 bg-white px-2 py-2"
          />
          <p id="description-hint" className="text-sm text-stone-700">
            {l('descriptionHint')}
          </p>
          {errorText('description')}
        </div>
        <fieldset aria-describedby={describe('themes', 'themes-hint')}>
          <legend className="font-semibold">{l('themes')}</legend>
          <p id="themes-hint" className="text-sm text-stone-700">
            {l('themesHint')}
          </p>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {props.themes.map((theme, i) => (
              <label key={theme.id} className="flex items-center gap-2">
                <input
                  id={i === 0 ? 'theme-first' : undefined}
                  type="checkbox"
                  name="themes"
                  value={theme.id}
                  defaultChecked={values.themes.includes(theme.id)}
                  className="h-5 w-5"
                />
                {theme.label}
              </label>
            ))}
          </div>
          {errorText('themes')}
        </fieldset>
        <div>
          <label htmlFor="language" className="block font-semibold">
            {l('language')}
          </label>
          <select id="language" name="language" defaultValue={values.language} className="mt-1 rounded border border-stone-500 bg-white px-2 py-2">
            {Object.entries(languages).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
          {errorText('language')}
        </div>
        <div>
          <label htmlFor="captionsFile" className="block font-semibold">
            {l('captions')}
          </label>
          <input
            id="captionsFile"
            name="captionsFile"
            type="file"
            accept=".vtt,.srt,text/vtt"
            aria-describedby={describe('captions', 'captions-hint')}
            aria-invalid={Boolean(errors.captions)}
            className="mt-1 block w-full max-w-full text-sm"
          />
          <p id="captions-hint" className="text-sm text-stone-700">
            {l('captionsHint')}
          </p>
          {props.captionsCount > 0 ? (
            <p className="text-sm">
              {l('captionsCurrent', { count: props.captionsCount })}{' '}
              <label className="inline-flex items-center gap-1">
                <input type="checkbox" name="removeCaptions" /> {l('captionsRemove')}
              </label>
            </p>
          ) : null}
          {errorText('captions')}
        </div>
        <div className="space-y-2">
          <label className="flex items-start gap-2">
            <input
              id="consentGiven"
              type="checkbox"
              name="consentGiven"
              defaultChecked={values.consentGiven}
              aria-describedby={describe('consentGiven')}
              aria-invalid={Boolean(errors.consentGiven)}
              className="mt-1 h-5 w-5"
            />
            <span>{l('consent')}</span>
          </label>
          {errorText('consentGiven')}
          <label className="flex items-start gap-2">
            <input type="checkbox" name="minorsShown" defaultChecked={values.minorsShown} className="mt-1 h-5 w-5" />
            <span>{l('minors')}</span>
          </label>
          <label className="flex items-start gap-2">
            <input type="checkbox" name="madeForKids" defaultChecked={values.madeForKids} aria-describedby="made-for-kids-hint" className="mt-1 h-5 w-5" />
            <span>
              {l('madeForKids')}{' '}
              <span id="made-for-kids-hint" className="block text-sm text-stone-700">
                {l('madeForKidsHint')}
              </span>
            </span>
          </label>
        </div>
        {errorText('form')}
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            name="intent"
            value="save"
            disabled={pending}
            className="rounded border border-primary px-4 py-2 font-semibold text-primary-dark disabled:opacity-60"
          >
            {l('saveDraft')}
          </button>
          {props.canSubmit ? (
            <button
              type="submit"
              name="intent"
              value="submit"
              disabled={pending}
              className="rounded bg-primary px-4 py-2 font-semibold text-white disabled:opacity-60"
            >
              {l('submit')}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
