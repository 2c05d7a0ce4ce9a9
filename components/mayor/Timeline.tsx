import { formatDateTime, type Locale, type Translate } from '@/lib/i18n';

export interface TimelineStep {
  to: string;
  reason: string | null;
  at: Date;
  actor: { name: string } | null;
}

/* A message's history, oldest first, with the moderator's reason where there is one. */
export function Timeline({ steps, t, locale }: { steps: TimelineStep[]; t: Translate; locale: Locale }) {
  return (
    <ol className="space-y-2 border-l-2 border-primary pl-4">
      {steps.map((step, i) => (
        <li key={i}>
          <p>
            <strong>{t(`status.${step.to}` as Parameters<Translate>[0])}</strong> —{' '}
            <time dateTime={step.at.toISOString()}>{formatDateTime(locale, step.at)}</time>
            {step.actor ? ` ${t('mayor.by', { name: step.actor.name })}` : null}
          </p>
          {step.reason ? <p className="text-stone-800">{t('mayor.reason', { reason: step.reason })}</p> : null}
        </li>
      ))}
    </ol>
  );
}
