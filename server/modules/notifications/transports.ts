// Outbox transports: how a message leaves the system. A log transport by default; e-mail over
// SMTP (node:net / node:tls, STARTTLS and AUTH PLAIN) and SMS through an HTTP webhook when
// configured. Nothing here needs the internet unless a deployment points it there.
import net from 'node:net';
import tls from 'node:tls';
import type { FastifyBaseLogger } from 'fastify';

export interface OutgoingMessage {
  channel: 'log' | 'email' | 'sms';
  /** Address or phone number in clear (decrypted just before sending), null for the log channel. */
  to: string | null;
  subject: string;
  body: string;
}

export interface Transport {
  readonly name: string;
  send(msg: OutgoingMessage): Promise<void>;
}

export function logTransport(log: FastifyBaseLogger | undefined): Transport {
  return {
    name: 'log',
    async send(msg) {
      const to = msg.to ? (msg.channel === 'email' ? msg.to.replace(/^(.).*@/, '$1***@') : msg.to.replace(/^(\d{3})\d+(\d{4})$/, '$1****$2')) : null;
      log?.info({ channel: msg.channel, to, subject: msg.subject }, 'notification');
    },
  };
}

export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (smtps, port 465). */
  secure: boolean;
  /** Upgrade with STARTTLS when the server offers it. */
  startTls: boolean;
  user: string | null;
  password: string | null;
  from: string;
  heloName?: string;
  timeoutMs?: number;
  /** Accept self-signed certificates (test servers only). */
  rejectUnauthorized?: boolean;
}

/** smtp://user:pass@host:587 or smtps://user:pass@host:465 */
export function parseSmtpUrl(url: string, from: string): SmtpOptions {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`SMTP URL must start with smtp:// or smtps://, got ${u.protocol}`);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    startTls: !secure && u.searchParams.get('starttls') !== 'off',
    user: u.username ? decodeURIComponent(u.username) : null,
    password: u.password ? decodeURIComponent(u.password) : null,
    from,
    rejectUnauthorized: u.searchParams.get('insecure') !== '1',
  };
}

/** A line-oriented SMTP conversation: each command waits for its (possibly multi-line) reply. */
class SmtpConversation {
  private buf = '';
  private waiters: Array<(line: { code: number; lines: string[] }) => void> = [];
  private pending: string[] = [];
  private error: Error | null = null;

  constructor(private socket: net.Socket | tls.TLSSocket) {
    this.attach(socket);
  }

  attach(socket: net.Socket | tls.TLSSocket): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => this.onData(d));
    socket.on('error', (e: Error) => this.fail(e));
  }

  private fail(e: Error): void {
    this.error = e;
    for (const w of this.waiters.splice(0)) w({ code: 0, lines: [e.message] });
  }

  private onData(d: string): void {
    this.buf += d;
    let i: number;
    while ((i = this.buf.indexOf('\r\n')) >= 0) {
      const line = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 2);
      this.pending.push(line);
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        const lines = this.pending.splice(0);
        const w = this.waiters.shift();
        w?.({ code: Number(line.slice(0, 3)), lines });
      }
    }
  }

  reply(timeoutMs: number): Promise<{ code: number; lines: string[] }> {
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('SMTP server did not answer in time')), timeoutMs);
      this.waiters.push((r) => {
        clearTimeout(t);
        if (r.code === 0) reject(new Error(r.lines.join(' ')));
        else resolve(r);
      });
    });
  }

  async command(line: string, expect: number[], timeoutMs: number): Promise<{ code: number; lines: string[] }> {
    this.socket.write(line + '\r\n');
    const r = await this.reply(timeoutMs);
    if (!expect.includes(r.code)) throw new Error(`SMTP ${line.split(' ')[0]} answered ${r.code} ${r.lines.join(' ')}`);
    return r;
  }

  write(data: string): void {
    this.socket.write(data);
  }
}

function encodeHeader(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

export function buildMimeMessage(from: string, to: string, subject: string, body: string, date: Date): string {
  const b64 = Buffer.from(body, 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${from}`, `To: ${to}`, `Subject: ${encodeHeader(subject)}`, `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', b64,
  ].join('\r\n');
}

export function smtpTransport(opts: SmtpOptions): Transport {
  const timeout = opts.timeoutMs ?? 15_000;
  const connect = (): Promise<net.Socket | tls.TLSSocket> =>
    new Promise((resolve, reject) => {
      const s = opts.secure
        ? tls.connect({ host: opts.host, port: opts.port, servername: opts.host, rejectUnauthorized: opts.rejectUnauthorized !== false }, () => resolve(s))
        : net.connect({ host: opts.host, port: opts.port }, () => resolve(s));
      s.setTimeout(timeout, () => s.destroy(new Error('SMTP connection timed out')));
      s.once('error', reject);
    });
  return {
    name: 'smtp',
    async send(msg) {
      if (!msg.to) throw new Error('no e-mail address');
      if (/[\r\n<>]/.test(msg.to) || /[\r\n]/.test(opts.from)) throw new Error('invalid address');
      let socket = await connect();
      const c = new SmtpConversation(socket);
      try {
        const greet = await c.reply(timeout);
        if (greet.code !== 220) throw new Error(`SMTP greeting ${greet.code}`);
        const helo = opts.heloName ?? 'safegrid.local';
        let ehlo = await c.command(`EHLO ${helo}`, [250], timeout);
        if (!opts.secure && opts.startTls && ehlo.lines.some((l) => /STARTTLS/i.test(l))) {
          await c.command('STARTTLS', [220], timeout);
          socket.removeAllListeners('data');
          socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
            const t = tls.connect({ socket, servername: opts.host, rejectUnauthorized: opts.rejectUnauthorized !== false }, () => resolve(t));
            t.once('error', reject);
          });
          c.attach(socket);
          ehlo = await c.command(`EHLO ${helo}`, [250], timeout);
        }
        if (opts.user) {
          const token = Buffer.from(`\0${opts.user}\0${opts.password ?? ''}`, 'utf8').toString('base64');
          await c.command(`AUTH PLAIN ${token}`, [235], timeout);
        }
        const fromAddr = /<([^>]+)>/.exec(opts.from)?.[1] ?? opts.from;
        await c.command(`MAIL FROM:<${fromAddr}>`, [250], timeout);
        await c.command(`RCPT TO:<${msg.to}>`, [250, 251], timeout);
        await c.command('DATA', [354], timeout);
        const data = buildMimeMessage(opts.from, msg.to, msg.subject, msg.body, new Date())
          .split('\r\n')
          .map((l) => (l.startsWith('.') ? '.' + l : l))
          .join('\r\n');
        c.write(data + '\r\n.\r\n');
        const done = await c.reply(timeout);
        if (done.code !== 250) throw new Error(`SMTP DATA answered ${done.code} ${done.lines.join(' ')}`);
        await c.command('QUIT', [221], timeout).catch(() => undefined);
      } finally {
        socket.destroy();
      }
    },
  };
}

export interface WebhookOptions {
  url: string;
  token: string | null;
  timeoutMs?: number;
}

/** SMS through an HTTP gateway: POST {to, text} as JSON, bearer token when given; 2xx is success. */
export function smsWebhookTransport(opts: WebhookOptions): Transport {
  return {
    name: 'sms-webhook',
    async send(msg) {
      if (!msg.to) throw new Error('no phone number');
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        body: JSON.stringify({ to: msg.to, text: `${msg.subject}\n${msg.body}`.slice(0, 500) }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}
