import { SMTPServer } from 'smtp-server';
import { freePort } from '../../lib/db/embedded';

/*
 * A catch-all SMTP server on loopback, for benchmarks and the cluster's tests:
 * it accepts every mail and keeps what it received, so that a test can say
 * that each mail arrived once.
 */

export interface CaughtMail {
  to: string[];
  raw: string;
}

export interface SmtpCatcher {
  port: number;
  url: string;
  /** How many mails each recipient received. */
  received: Map<string, number>;
  mails: CaughtMail[];
  close(): void;
}

export async function startSmtpCatcher(options: { keepBodies?: boolean } = {}): Promise<SmtpCatcher> {
  const received = new Map<string, number>();
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      received.set(address.address, (received.get(address.address) ?? 0) + 1);
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (options.keepBodies) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (options.keepBodies) mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, url: `smtp://127.0.0.1:${port}`, received, mails, close: () => server.close() };
}
