import { StaffForm } from '@/components/staff/StaffForm';
import { buttonClass, inputClass, Outcome, StaffNav } from '@/components/staff/StaffNav';
import { allTemplates, TEMPLATE_KINDS } from '@/lib/admin/templates';
import { db } from '@/lib/db/client';
import type { Locale, Translate } from '@/lib/i18n';
import type { LocaleParams } from '../../_shared/locale';
import { one, staffMetadata, staffPage, type SearchParams } from '../_shared/page';
import { titled } from '../../_shared/locale';

export const dynamic = 'force-dynamic';
export const generateMetadata = titled('staff.templates', staffMetadata);

function TemplateFields({
  t,
  locale,
  template,
}: {
  t: Translate;
  locale: Locale;
  template?: { id: number; kind: string; title: string; text: string; active: boolean };
}) {
  return (
    <>
      <input type="hidden" name="locale" value={locale} />
      {template ? <input type="hidden" name="id" value={template.id} /> : null}
      <label className="block">
        {t('staff.templateKind')}
        <select name="kind" defaultValue={template?.kind ?? 'requestChanges'} className={inputClass}>
          {TEMPLATE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`staff.templateKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        {t('staff.templateTitle')}
        <input name="title" defaultValue={template?.title ?? ''} required maxLength={100} className={inputClass} />
      </label>
      <label className="block">
        {t('staff.templateText')}
        <textarea name="text" defaultValue={template?.text ?? ''} required maxLength={2000} rows={3} className={inputClass} />
      </label>
      {template ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" name="active" defaultChecked={template.active} /> {t('staff.templateActive')}
        </label>
      ) : null}
    </>
  );
}

export default async function TemplatesPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { locale, t, user, isAdmin, formError } = await staffPage(params, 'moderate', '/staff/modelli', searchParams);
  const templates = await allTemplates(db(), user);
  const saved = one((await searchParams).esito) === 'salvato';
  const formProps = {
    action: '/api/staff/modelli',
    errorsTitle: t('staff.formErrors'),
    sendingLabel: t('staff.sending'),
    className: 'space-y-3 rounded border border-stone-300 bg-white p-3',
  };
  return (
    <div className="space-y-6">
      <StaffNav t={t} error={formError} current="templates" isAdmin={isAdmin} title={t('staff.templates')} />
      <Outcome text={saved ? t('staff.saved') : null} />
      <p>{t('staff.templatesIntro')}</p>
      <section aria-labelledby="new-template">
        <h2 id="new-template" className="text-xl font-semibold">
          {t('staff.newTemplate')}
        </h2>
        <StaffForm {...formProps}>
          <TemplateFields t={t} locale={locale} />
          <button type="submit" className={buttonClass}>
            {t('staff.add')}
          </button>
        </StaffForm>
      </section>
      {templates.map((tpl) => (
        <section key={tpl.id} aria-labelledby={`tpl-${tpl.id}`}>
          <h2 id={`tpl-${tpl.id}`} className="text-lg font-semibold">
            {tpl.title}
          </h2>
          <StaffForm {...formProps}>
            <TemplateFields t={t} locale={locale} template={tpl} />
            <button type="submit" className={buttonClass}>
              {t('staff.save')}
            </button>
          </StaffForm>
        </section>
      ))}
    </div>
  );
}
