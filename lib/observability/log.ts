import pino, { type Logger } from 'pino';
import { config } from '../config';

/*
 * Structured logs: one JSON object per line on standard output, for the
 * collector the operators already run (journald, Loki, ELK). Every line names
 * the process it comes from; request lines carry the request id the front
 * server gives each request (and returns as X-Request-Id), and a job's lines
 * carry the id of the request that queued it.
 */

const root = pino({
  base: { service: 'vocicomuni' },
  level: config().logLevel,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

export type Log = Logger;

/** The logger of one kind of process (web, worker, launcher). */
export function processLog(process: 'web' | 'worker' | 'launcher'): Log {
  return root.child({ process });
}
