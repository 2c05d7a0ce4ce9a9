import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathOf } from './prefix';

/*
 * No client action may stop a process. Each request of the front server runs
 * in a scope of its own; an exception nobody caught (a stream library throwing
 * from an event after the client went away, say) is traced back to the
 * request whose work raised it, logged, and ends that request with a 500 (or
 * cuts it, once the answer has started). The process goes on serving the
 * others. An exception outside every request is a bug of the process itself:
 * it is logged and the process exits, as Node would, for its supervisor to
 * restart it.
 */

interface RequestScope {
  req: IncomingMessage;
  res: ServerResponse;
}

const scope = new AsyncLocalStorage<RequestScope>();

export type ErrorLog = (message: string, error: unknown) => void;

const defaultLog: ErrorLog = (message, error) => console.error(`[vocicomuni] ${message}`, error);

/** Ends a request that failed: a plain 500 when nothing was sent yet, otherwise the connection is cut. */
export function endFailedRequest(req: IncomingMessage, res: ServerResponse, error: unknown, log: ErrorLog = defaultLog): void {
  log(`${req.method ?? '?'} ${pathOf(req.url)} failed`, error);
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end('Internal error');
}

/** Runs one request's handler in its scope; whatever it throws or rejects with ends only this request. */
export function runInRequestScope(req: IncomingMessage, res: ServerResponse, handle: () => void | Promise<void>, log: ErrorLog = defaultLog): void {
  // A socket error on either side concerns this request only (a client that went away); without a listener it would be thrown.
  req.on('error', () => {});
  res.on('error', () => {});
  scope.run({ req, res }, () => {
    try {
      const result = handle();
      if (result) result.catch((error: unknown) => endFailedRequest(req, res, error, log));
    } catch (error) {
      endFailedRequest(req, res, error, log);
    }
  });
}

let installed = false;

/** Installs the process-wide handlers that contain errors to the request that raised them (once per process). */
export function containRequestErrors(log: ErrorLog = defaultLog, exit: (code: number) => void = (code) => process.exit(code)): void {
  if (installed) return;
  installed = true;
  const contain = (kind: string) => (error: unknown) => {
    const current = scope.getStore();
    if (current) return endFailedRequest(current.req, current.res, error, log);
    log(`${kind} outside any request: stopping`, error);
    exit(1);
  };
  process.on('uncaughtException', contain('uncaught exception'));
  process.on('unhandledRejection', contain('unhandled rejection'));
}
