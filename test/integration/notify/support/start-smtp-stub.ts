import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** One mail the stub received. */
export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
  subject: string | undefined;
  headers: Map<string, string>;
}

/**
 * A tiny SMTP server on 127.0.0.1 speaking just enough of the protocol for nodemailer: 220
 * greeting, EHLO/HELO 250, MAIL/RCPT 250, DATA 354 … `.` 250, QUIT 221. `rejectRcpt` answers
 * RCPT with that code instead.
 */
export async function startSmtpStub(
  options: { rejectRcpt?: number } = {},
): Promise<{ url: string; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let data: string[] = [];
    let envelope = { from: '', to: [] as string[] };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 stub.local ESMTP test stub');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const text = data.join('\r\n');
            const headers = new Map<string, string>();
            for (const header of text
              .split('\r\n\r\n')[0]!
              .replace(/\r\n[ \t]+/g, ' ')
              .split('\r\n')) {
              const colon = header.indexOf(':');
              if (colon > 0) headers.set(header.slice(0, colon).toLowerCase(), header.slice(colon + 1).trim());
            }
            mails.push({ ...envelope, data: text, subject: headers.get('subject'), headers });
            envelope = { from: '', to: [] };
            data = [];
            reply('250 2.0.0 queued');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') reply('250 stub.local');
        else if (command === 'MAIL') {
          envelope.from = line.slice(10).trim();
          reply('250 2.1.0 ok');
        } else if (command === 'RCPT') {
          if (options.rejectRcpt) reply(`${options.rejectRcpt} 5.1.1 recipient rejected`);
          else {
            envelope.to.push(line.slice(8).trim());
            reply('250 2.1.5 ok');
          }
        } else if (command === 'DATA') {
          inData = true;
          reply('354 end data with <CR><LF>.<CR><LF>');
        } else if (command === 'QUIT') {
          reply('221 2.0.0 bye');
          socket.end();
        } else if (command === 'RSET' || command === 'NOOP') reply('250 ok');
        else reply('502 5.5.2 command not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
