'use client';

import { useEffect } from 'react';
import { HYDRATED_EVENT } from '@/lib/web/hydrated-event';

/**
 * Tells the page's loader that React has hydrated (lib/web/scripts-on-interaction.ts):
 * a button pressed while the scripts were still on their way is then pressed
 * again. The last child of the body, so its effect runs after every other one
 * of the first render.
 */
export function HydrationSignal() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = '';
    window.dispatchEvent(new Event(HYDRATED_EVENT));
  }, []);
  return null;
}
