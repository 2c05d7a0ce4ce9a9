import Link from 'next/link';
import { SignOutButton } from '@/components/auth/SignOutButton';
import type { Translate } from '@/lib/i18n';

export type StaffSection =
  | 'home'
  | 'queue'
  | 'coverage'
  | 'calls'
  | 'meetings'
  | 'groups'
  | 'youtube'
  | 'audit'
  | 'templates'
  | 'themes'
  | 'elections'
  | 'announcements'
  | 'invitations'
  | 'reports';

const SECTIONS: Array<{ id: StaffSection; href: string; adminOnly: boolean }> = [
  { id: 'home', href: '/staff', adminOnly: false },
  { id: 'queue', href: '/staff/moderazione', adminOnly: false },
  { id: 'coverage', href: '/staff/copertura', adminOnly: false },
  { id: 'calls', href: '/staff/appelli', adminOnly: false },
  { id: 'meetings', href: '/staff/riunioni', adminOnly: false },
  { id: 'groups', href: '/staff/gruppi', adminOnly: false },
  { id: 'youtube', href: '/staff/youtube', adminOnly: false },
  { id: 'audit', href: '/staff/registro', adminOnly: false },
  { id: 'templates', href: '/staff/modelli', adminOnly: false },
  { id: 'reports', href: '/staff/segnalazioni', adminOnly: false },
  { id: 'themes', href: '/staff/temi', adminOnly: true },
  { id: 'elections', href: '/staff/elezioni', adminOnly: true },
  { id: 'announcements', href: '/staff/avvisi', adminOnly: true },
  { id: 'invitations', href: '/staff/inviti', adminOnly: true },
];

/** The console's heading and section links (administration only for ADMIN). */
export function StaffNav({
  t,
  current,
  isAdmin,
  title,
  error,
}: {
  t: Translate;
  current: StaffSection;
  isAdmin: boolean;
  title: string;
  error?: string | null;
}) {
  return (
    <div className="mb-6 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{title}</h1>
        <SignOutButton label={t('auth.signOut')} />
      </div>
      <nav aria-label={t('staff.nav')}>
        <ul className="flex flex-wrap gap-2">
          {SECTIONS.filter((s) => isAdmin || !s.adminOnly).map((s) => (
            <li key={s.id}>
              <Link
                href={s.href}
                aria-current={s.id === current ? 'page' : undefined}
                className={`inline-block rounded px-3 py-1 ${s.id === current ? 'bg-primary text-white' : 'bg-primary-light text-primary-dark'}`}
              >
                {t(`staff.${s.id}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {error ? (
        <p role="alert" className="rounded border-2 border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The confirmation line after a form succeeded (`?esito=…`). */
export function Outcome({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p role="status" className="mb-4 rounded border-2 border-primary bg-primary-light p-3">
      {text}
    </p>
  );
}

export const inputClass = 'mt-1 block w-full rounded border border-stone-500 bg-white px-2 py-1';
export const buttonClass = 'rounded bg-primary px-4 py-2 font-semibold text-white disabled:opacity-60';
export const secondaryButtonClass = 'rounded border-2 border-primary px-3 py-1 font-semibold text-primary-dark';
