import type { Translate } from '@/lib/i18n';

export function AccessDenied({ t }: { t: Translate }) {
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{t('auth.forbiddenTitle')}</h1>
      <p className="mt-2">{t('auth.forbiddenText')}</p>
    </div>
  );
}
