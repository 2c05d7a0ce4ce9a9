import { ATTRIBUTION_URL } from '@/lib/geo/map-data';
import type { Translate } from '@/lib/i18n';

/** Required by the boundaries' licence wherever a map is drawn. */
export function Attribution({ t }: { t: Translate }) {
  return (
    <p className="mt-1 text-xs text-stone-700">
      <a href={ATTRIBUTION_URL} rel="license">
        {t('site.attribution')}
      </a>
    </p>
  );
}
