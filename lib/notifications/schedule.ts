import type { Db } from '../db/client';
import type { OutgoingMail } from '../mail/send';
import { enqueueDailyDigests } from './editorial';
import { deliverOutbox } from './outbox';

/**
 * The periodic round of the mail outbox (what deliverSoon missed, and retries)
 * and of the daily digests. Returns a function that stops it.
 */
export function scheduleMailDelivery(db: Db, send: (mail: OutgoingMail) => Promise<void>, publicUrl: string, everyMs = 15_000): () => void {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await enqueueDailyDigests(db, publicUrl);
      // Drain what is due, a batch at a time.
      for (;;) {
        const { sent, failed } = await deliverOutbox(db, send);
        if (sent + failed === 0 || failed > 0) break;
      }
    } catch (error) {
      console.error('mail delivery round failed:', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  void round();
  return () => clearInterval(timer);
}
