import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instantTimer } from '../../test/fixtures/respond/http-receiver.js';
import { mineAccident, sampleMessage } from '../../test/fixtures/respond/samples.js';
import type { ChannelAttempt } from '../respond/channels/channel.js';
import { emailChannel } from './email-channel.js';

const PASS = 'smtp-pass-7f3e9a21';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let server: SMTPServer;
let port: number;
let received: Received[];
/** What RCPT TO answers, in order; the last repeats. `null` accepts. */
let rcptReplies: ({ code: number; text: string } | null)[];

beforeEach(async () => {
  received = [];
  rcptReplies = [null];
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'emwatch' && auth.password === PASS) return callback(null, { user: 'emwatch' });
      return callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      const reply = rcptReplies.length > 1 ? rcptReplies.shift()! : rcptReplies[0]!;
      if (!reply) return callback();
      return callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const transport = (pass = PASS) => ({
  host: '127.0.0.1',
  port,
  secure: false,
  ignoreTLS: true,
  auth: { user: 'emwatch', pass },
});
const context = (attempts: ChannelAttempt[] = []) => ({
  now: () => new Date('2024-03-14T01:15:00Z'),
  onAttempt: (a: ChannelAttempt) => void attempts.push(a),
});

/** Reads subject and the text and HTML parts of a MIME message (base64 or quoted-printable). */
function readMail(raw: string): { subject: string; text: string; html: string } {
  const unfolded = raw.replace(/\r\n[ \t]+/g, ' ');
  const subjectLine = /^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '';
  const subject = subjectLine
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
  const part = (type: string): string => {
    const match = new RegExp(
      `Content-Type: ${type}[^\\r\\n]*\\r\\n(?:[^\\r\\n]+\\r\\n)*?Content-Transfer-Encoding: (\\S+)\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`,
      'i',
    ).exec(raw);
    if (!match) return '';
    const [, encoding, body] = match;
    if (encoding!.toLowerCase() === 'base64') return Buffer.from(body!.replace(/\s+/g, ''), 'base64').toString('utf8');
    const bytes = body!
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  };
  return { subject, text: part('text/plain'), html: part('text/html') };
}

describe('emailChannel', () => {
  it('sends the alert through a real SMTP server with subject, text and HTML', async () => {
    const channel = emailChannel({
      id: 'email-leaders',
      transport: transport(),
      from: 'emwatch@yjt.example.org',
      to: ['duty@yjt.example.org'],
      subjectPrefix: '[emwatch] ',
    });
    const attempts: ChannelAttempt[] = [];

    await channel.send(sampleMessage(), context(attempts));

    expect(received).toHaveLength(1);
    expect(received[0]?.from).toBe('emwatch@yjt.example.org');
    expect(received[0]?.to).toEqual(['duty@yjt.example.org']);
    const mail = readMail(received[0]!.raw);
    expect(mail.subject).toBe('[emwatch] 【橙色】东乌旗遭遇暴雪 多条道路封闭');
    expect(mail.text.split(/\r?\n/).slice(0, 3)).toEqual([
      '【橙色】东乌旗遭遇暴雪 多条道路封闭',
      '预警级别：橙色 · Ⅱ级（重大）',
      '事件类型：雪灾（发生）',
    ]);
    expect(mail.html).toContain('<h3>【橙色】东乌旗遭遇暴雪 多条道路封闭</h3>');
    expect(attempts.map((a) => a.ok)).toEqual([true]);
  });

  it('retries a temporary refusal (451) and then delivers', async () => {
    rcptReplies = [{ code: 451, text: 'Greylisted, try again later' }, null];
    const timer = instantTimer();
    const channel = emailChannel({
      id: 'm',
      transport: transport(),
      from: 'emwatch@example.org',
      to: ['duty@example.org'],
      setTimeout: timer.setTimeout,
    });
    const attempts: ChannelAttempt[] = [];

    await channel.send(sampleMessage(mineAccident, 'I'), context(attempts));

    expect(attempts.map((a) => [a.attempt, a.ok])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(attempts[0]?.error).toMatch(/mail not sent \(SMTP 451\): .*Greylisted/);
    expect(received).toHaveLength(1);
  });

  it('dead-letters a permanent refusal (550) at once', async () => {
    rcptReplies = [{ code: 550, text: 'No such user here' }];
    const channel = emailChannel({
      id: 'm',
      transport: transport(),
      from: 'emwatch@example.org',
      to: ['nobody@example.org'],
    });

    await expect(channel.send(sampleMessage(), context())).rejects.toThrow(
      /gave up after 1 attempt, .*mail not sent \(SMTP 550\)/,
    );
    expect(channel.deadLetters()).toHaveLength(1);
  });

  it('reports a failed login without the password', async () => {
    const wrong = `${PASS}-wrong`;
    const channel = emailChannel({
      id: 'm',
      transport: transport(wrong),
      from: 'emwatch@example.org',
      to: ['duty@example.org'],
    });

    const error = (await channel.send(sampleMessage(), context()).catch((e: unknown) => e)) as Error;

    expect(error.message).toMatch(/mail not sent \(SMTP 535\)/);
    expect(error.message).not.toContain(wrong);
    expect(received).toEqual([]);
  });

  it('refuses a channel without recipients', () => {
    expect(() => emailChannel({ id: 'm', transport: transport(), from: 'emwatch@example.org', to: [] })).toThrow(
      '[emwatch] [channel m] to must list at least one e-mail address',
    );
  });
});
