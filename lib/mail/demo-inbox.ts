import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../db/client';

/*
 * The embedded default's mail server: with no SMTP configured, sign-in links and
 * notices are caught here on 127.0.0.1 and shown on the demo inbox page, so a
 * newcomer can sign in as the demo mayor without any mail setup.
 */

const MAX_MESSAGE_BYTES = 1024 * 1024;

/** A header as the mail carried it (mailparser turns List-* headers into structures; a mail program reads the line). */
function rawHeader(lines: ReadonlyArray<{ key: string; line: string }>, name: string): string | null {
  const line = lines.find((l) => l.key === name)?.line;
  return line
    ? line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim()
    : null;
}

export async function startDemoSmtpServer(db: Db, port: number): Promise<{ close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          await db.demoMail.create({
            data: {
              recipients: session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(', '),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : null,
              listUnsubscribe: rawHeader(mail.headerLines, 'list-unsubscribe'),
              listUnsubscribePost: rawHeader(mail.headerLines, 'list-unsubscribe-post'),
            },
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
