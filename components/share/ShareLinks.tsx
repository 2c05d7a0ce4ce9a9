import type { Translate } from '@/lib/i18n';
import { CopyOrShare } from './CopyOrShare';

/*
 * Sharing without a third party's script: plain links to each network's own
 * share address (nothing is asked of them until a citizen clicks), e-mail, and
 * on phones the system's share sheet (Web Share API) or a copy of the link.
 */
export function ShareLinks({ t, url, title }: { t: Translate; url: string; title: string }) {
  const text = `${title} ${url}`;
  const links = [
    { label: t('share.whatsapp'), href: `https://wa.me/?text=${encodeURIComponent(text)}` },
    { label: t('share.telegram'), href: `https://t.me/share/url?url=${encodeURIComponent(url)}&text=${encodeURIComponent(title)}` },
    { label: t('share.facebook'), href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}` },
    { label: t('share.email'), href: `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}` },
  ];
  return (
    <section aria-labelledby="share-title" className="mt-6">
      <h2 id="share-title" className="text-lg font-semibold">
        {t('share.title')}
      </h2>
      <ul className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-2">
        {links.map((link) => (
          <li key={link.label}>
            <a href={link.href} rel="noopener noreferrer nofollow" target={link.href.startsWith('mailto:') ? undefined : '_blank'}>
              {link.label}
            </a>
          </li>
        ))}
        <CopyOrShare url={url} title={title} copyLabel={t('share.copy')} copiedLabel={t('share.copied')} shareLabel={t('share.native')} />
      </ul>
    </section>
  );
}
