import type { Translate } from '@/lib/i18n';

/*
 * The code a comune's web editor pastes into the comune's own site: shown in
 * a read-only field (select it, copy it), folded away so that a citizen's page
 * stays short. No script.
 */
export function EmbedBox({ t, snippet, kind }: { t: Translate; snippet: string; kind: 'municipality' | 'message' | 'collection' }) {
  const id = `embed-${kind}`;
  const text =
    kind === 'message'
      ? t('embed.boxTextMessage')
      : kind === 'collection'
        ? t('embed.boxTextCollection')
        : `${t('embed.boxText')} ${t('embed.boxMessageText')}`;
  return (
    <details className="mt-6 rounded border border-stone-300 bg-white p-3">
      <summary className="cursor-pointer font-semibold">{t('embed.boxTitle')}</summary>
      <p className="mt-2">{text}</p>
      <label htmlFor={id} className="mt-2 block font-semibold">
        {t('embed.code')}
      </label>
      <textarea id={id} readOnly rows={4} value={snippet} className="mt-1 block w-full rounded border border-stone-500 p-2 font-mono text-sm" />
    </details>
  );
}
