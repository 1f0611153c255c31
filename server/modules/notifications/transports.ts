// Outbox transports: how a message leaves the system. A log transport by default; e-mail over
// SMTP through nodemailer (TLS or STARTTLS, AUTH, RFC 2047 headers) and SMS through an HTTP
// webhook when configured. Nothing here needs the internet unless a deployment points it there.
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type SendMailOptions } from 'nodemailer';

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

export interface MailFields {
  from: string;
  to: string;
  subject: string;
  body: string;
}

/**
 * The message as nodemailer builds it: a long Chinese subject is folded into several RFC 2047
 * encoded-words (each line ≤ 76 characters), the text is UTF-8 in base64.
 */
export function mailOptions(m: MailFields): SendMailOptions {
  return { from: m.from, to: m.to, subject: m.subject, text: m.body, textEncoding: 'base64', disableFileAccess: true, disableUrlAccess: true };
}

/** The raw RFC 5322 message (CRLF lines) without sending it, for checks and previews. */
export async function buildMimeMessage(m: MailFields): Promise<string> {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await t.sendMail(mailOptions(m));
  return (info.message as Buffer).toString('utf8');
}

export function smtpTransport(opts: SmtpOptions): Transport {
  const timeout = opts.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    secure: opts.secure,
    // STARTTLS when offered unless switched off; never send credentials in clear when it was asked for.
    ignoreTLS: !opts.secure && !opts.startTls,
    ...(opts.user ? { auth: { user: opts.user, pass: opts.password ?? '' } } : {}),
    name: opts.heloName ?? 'safegrid.local',
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: { rejectUnauthorized: opts.rejectUnauthorized !== false, servername: opts.host },
  });
  return {
    name: 'smtp',
    async send(msg) {
      if (!msg.to) throw new Error('no e-mail address');
      if (/[\r\n<>]/.test(msg.to) || /[\r\n]/.test(opts.from)) throw new Error('invalid address');
      await transporter.sendMail(mailOptions({ from: opts.from, to: msg.to, subject: msg.subject, body: msg.body }));
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
