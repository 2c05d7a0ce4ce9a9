import { db } from '../db/client';
import { mailConfigured, sendMail } from '../mail/send';
import { deliverOutbox } from './outbox';

let pending = false;

/**
 * Delivers the outbox right after a change was committed, so a notice does not
 * wait for the next periodic round; any failure is left to that round.
 */
export function deliverSoon(): void {
  if (pending || !mailConfigured()) return;
  pending = true;
  setTimeout(() => {
    deliverOutbox(db(), sendMail)
      .catch((error: unknown) => console.error('mail outbox:', error))
      .finally(() => {
        pending = false;
      });
  }, 0);
}
