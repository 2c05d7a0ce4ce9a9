import pg from 'pg';

/*
 * Every web process hears each domain event the moment its transaction
 * commits: the domain_event table's trigger sends NOTIFY vc_domain_event (id
 * and type). A lost connection is made again; events sent meanwhile are
 * missed, so the listener is told (onGap) to assume anything changed.
 *
 * Next.js loads the page-cache handler, which uses this file, with Node's own
 * TypeScript support: it imports packages only, and uses only syntax Node can
 * strip.
 */

export const EVENT_CHANNEL = 'vc_domain_event';

export interface HeardEvent {
  id: string;
  type: string;
}

export interface EventListener {
  close(): Promise<void>;
}

export function listenForEvents(url: string, onEvent: (event: HeardEvent) => void, onGap: () => void, retryMs = 1000): EventListener {
  let client: pg.Client | null = null;
  let closed = false;
  let connectedBefore = false;
  let timer: NodeJS.Timeout | null = null;

  const again = () => {
    if (closed || timer) return;
    client?.removeAllListeners();
    client?.end().catch(() => {});
    client = null;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    timer.unref();
  };

  const connect = async () => {
    // Probed after 30 s of silence: a connection dropped by a firewall or a failover is noticed, and made again, within a minute.
    const c = new pg.Client({ connectionString: url, application_name: 'vocicomuni-listen', keepAlive: true, keepAliveInitialDelayMillis: 30_000 });
    client = c;
    c.on('error', again);
    c.on('end', again);
    c.on('notification', (message) => {
      if (message.channel !== EVENT_CHANNEL || !message.payload) return;
      try {
        const event = JSON.parse(message.payload) as Partial<HeardEvent>;
        if (typeof event.id === 'string' && typeof event.type === 'string') onEvent({ id: event.id, type: event.type });
      } catch {
        onGap();
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENT_CHANNEL}`);
      // The connection does not keep the process alive: a server that closes its listener ends as it would without this.
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      if (connectedBefore) onGap();
      connectedBefore = true;
    } catch {
      again();
    }
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      c?.removeAllListeners();
      await c?.end().catch(() => {});
    },
  };
}

/**
 * Runs `drop` at once for an event that changes what citizens see, and once
 * more a moment later: a page whose rendering began before the change and
 * ended after it would otherwise be kept.
 */
export function dropTwice(drop: () => void, laterMs = 1000): void {
  drop();
  setTimeout(drop, laterMs).unref();
}
