import Link from 'next/link';
import { ClientMessages } from '@/components/common/ClientMessages';
import { InviteForms } from '@/components/staff/InviteForms';
import { RowAction } from '@/components/staff/StaffForm';
import { Outcome, secondaryButtonClass, StaffNav } from '@/components/staff/StaffNav';
import { db } from '@/lib/db/client';
import { messagesFor, formatDate, type MessageKey } from '@/lib/i18n';
import type { LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';
import { importCsvAction, inviteOneAction } from './actions';
import { titled } from '../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('invite.title', staffMetadata);

export default async function InvitationsPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'administer', '/staff/inviti', searchParams);
  const users = await db().user.findMany({
    orderBy: [{ role: 'asc' }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, lastSignInAt: true, disabledAt: true, municipality: { select: { name: true } } },
    take: 1000,
  });
  return (
    <div className="space-y-8">
      <StaffNav t={t} error={formError} current="invitations" isAdmin={isAdmin} title={t('invite.title')} />
      <Outcome text={one((await searchParams).esito) === 'salvato' ? t('staff.saved') : null} />
      <p>{t('invite.intro')}</p>
      <ClientMessages locale={locale} messages={messagesFor(locale, ['invite'])}>
        <InviteForms locale={locale} inviteOne={inviteOneAction} importCsv={importCsvAction} />
      </ClientMessages>
      <section aria-labelledby="users-title">
        <h2 id="users-title" className="text-xl font-semibold">
          {t('invite.users')}
        </h2>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-stone-400">
                <th scope="col" className="p-2">
                  E-mail
                </th>
                <th scope="col" className="p-2">
                  {t('invite.name')}
                </th>
                <th scope="col" className="p-2">
                  {t('invite.role')}
                </th>
                <th scope="col" className="p-2">
                  {t('invite.comune')}
                </th>
                <th scope="col" className="p-2">
                  {t('invite.lastSignIn')}
                </th>
                <th scope="col" className="p-2">
                  {t('invite.access')}
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-stone-200">
                  <td className="p-2">{u.email}</td>
                  <td className="p-2">
                    <Link href={`/staff/registro?utente=${u.id}`}>{u.name}</Link>
                  </td>
                  <td className="p-2">{t(`invite.roles.${u.role}` as MessageKey)}</td>
                  <td className="p-2">{u.municipality?.name ?? '—'}</td>
                  <td className="p-2">{u.lastSignInAt ? formatDate(locale, u.lastSignInAt) : t('invite.never')}</td>
                  <td className="p-2">
                    {u.disabledAt ? <span className="mr-2">{t('invite.disabled')}</span> : null}
                    {u.id === user.id ? null : (
                      <RowAction
                        action="/api/staff/utenti"
                        errorsTitle={t('staff.formErrors')}
                        sendingLabel={t('staff.sending')}
                        fields={{ locale, id: u.id, enabled: u.disabledAt ? 'true' : 'false' }}
                        label={t(u.disabledAt ? 'invite.enable' : 'invite.disable')}
                        itemLabel={u.name}
                        className={secondaryButtonClass}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
