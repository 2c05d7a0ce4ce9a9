'use client';

import { useActionState } from 'react';
import { useFullNavigation } from '@/components/common/useFullNavigation';

/* Withdraws a message after a confirmation; the browser then opens the page the action names. */
export function WithdrawButton({
  action,
  videoId,
  status,
  label,
  confirm,
}: {
  action: (state: string | null, data: FormData) => Promise<string | null>;
  videoId: string;
  status: string;
  label: string;
  confirm: string;
}) {
  const [target, formAction, pending] = useActionState(action, null);
  useFullNavigation(target);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(confirm)) e.preventDefault();
      }}
    >
      <input type="hidden" name="videoId" value={videoId} />
      <input type="hidden" name="status" value={status} />
      <button type="submit" disabled={pending} className="rounded border border-red-800 px-4 py-2 font-semibold text-red-900">
        {label}
      </button>
    </form>
  );
}
