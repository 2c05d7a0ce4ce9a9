import { LegalDocument } from '@/components/legal/LegalDocument';
import { legalText, type LegalPage } from '@/lib/legal/pages';
import { pageLocale, type LocaleParams } from './locale';

/* One of the legal pages (accessibility statement, privacy, cookies, legal notes): its Markdown, in the page's language. */
export async function LegalPageBody({ page, params, children }: { page: LegalPage; params: LocaleParams; children?: React.ReactNode }) {
  const { locale } = await pageLocale(params);
  return (
    <>
      <LegalDocument markdown={await legalText(page, locale)} />
      {children}
    </>
  );
}
