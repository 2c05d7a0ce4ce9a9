'use client';

import { useEffect } from 'react';

/*
 * After a server action, go to `target` with a full browser navigation. A
 * redirect from inside the action would be rendered by Next.js without passing
 * through the language proxy (proxy.ts), so public paths would not be found.
 */
export function useFullNavigation(target: string | null | undefined): void {
  useEffect(() => {
    if (target) window.location.assign(target);
  }, [target]);
}
