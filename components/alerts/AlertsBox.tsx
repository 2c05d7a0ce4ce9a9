import type { Translate } from '@/lib/i18n';
import { PushButton } from './PushButton';

/*
 * The invitation to follow a comune, a theme or everything by e-mail: a plain
 * link to the sign-up page (no script, nothing added to the cached page it
 * sits on). A comune's and a theme's also offer push notifications on this
 * device, when the portal has VAPID keys (a button that shows only with JavaScript).
 */
export function AlertsBox({
  t,
  subject,
  href,
  push,
}: {
  t: Translate;
  subject: string;
  href: string;
  push?: { publicKey: string | undefined; locale: string; follows: { comune: string } | { tema: string } };
}) {
  return (
    <section aria-labelledby="alerts-box-title" className="mt-6 rounded border border-stone-300 bg-white p-3">
      <h2 id="alerts-box-title" className="text-lg font-semibold">
        {t('alerts.boxTitle')}
      </h2>
      <p className="mt-1">{t('alerts.boxText', { subject })}</p>
      <p className="mt-2">
        <a href={href} rel="nofollow" className="inline-block rounded bg-primary px-3 py-1.5 font-semibold text-white no-underline hover:text-white">
          {t('alerts.boxAction')}
        </a>
      </p>
      {push?.publicKey ? (
        <PushButton
          subject={push.follows}
          locale={push.locale}
          publicKey={push.publicKey}
          labels={{
            title: t('alerts.push.title'),
            hint: t('alerts.push.hint'),
            button: t('alerts.push.button'),
            working: t('alerts.push.working'),
            on: t('alerts.push.on', { subject }),
            off: t('alerts.push.off', { subject }),
            denied: t('alerts.push.denied'),
            unsupported: t('alerts.push.unsupported'),
            failed: t('alerts.push.failed'),
          }}
        />
      ) : null}
    </section>
  );
}
