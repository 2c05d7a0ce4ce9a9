import { LegalPageBody } from '../_shared/legal-page';
import { titled, type LocaleParams } from '../_shared/locale';

export const generateMetadata = titled('legal.privacy');

export default function Page({ params }: { params: LocaleParams }) {
  return <LegalPageBody page="privacy" params={params} />;
}
