import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';

/* The reserved area's front door: each role lands on its own page. */
export default async function AreaPage() {
  const user = await currentUser();
  if (!user) redirect('/accedi?da=/area');
  redirect(user.role === 'MAYOR' ? '/sindaco' : '/staff');
}
