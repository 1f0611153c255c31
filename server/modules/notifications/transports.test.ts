// E-mail as nodemailer writes it: RFC 2047 folding of long Chinese subjects, UTF-8 bodies, and
// a real SMTP conversation with a listener on loopback.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildMimeMessage, smtpTransport } from './transports.js';

/** The unfolded value of a header, and its physical lines. */
function header(raw: string, name: string): { lines: string[]; value: string } {
  const head = raw.split('\r\n\r\n')[0] ?? '';
  const lines = head.split('\r\n');
  const start = lines.findIndex((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  const out = [lines[start] ?? ''];
  for (let i = start + 1; i < lines.length && /^[ \t]/.test(lines[i] ?? ''); i++) out.push(lines[i] ?? '');
  return { lines: out, value: out.join('').slice(name.length + 1).trim() };
}

/** Decodes a run of =?UTF-8?B?…?= / =?UTF-8?Q?…?= words (whitespace between words is dropped, RFC 2047 §6.2). */
function decodeWords(v: string): string {
  const bytes: Buffer[] = [];
  for (const m of v.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)) {
    const [, enc, text] = m;
    if (enc?.toLowerCase() === 'b') bytes.push(Buffer.from(text ?? '', 'base64'));
    else bytes.push(Buffer.from((text ?? '').replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'));
  }
  return Buffer.concat(bytes).toString('utf8');
}

const LONG_SUBJECT = '【安全网格】城东区东关大街街道北关社区第一网格：东关大街1号小餐馆消防安全隐患（安全出口堵塞）逾期未整改，请于2026年3月2日前完成复查并上报整改验收记录';

describe('e-mail messages', () => {
  it('folds a long Chinese subject into several encoded-words, no line over 76 characters', async () => {
    const raw = await buildMimeMessage({ from: '安全网格 <noreply@safegrid.local>', to: 'anquan@example.cn', subject: LONG_SUBJECT, body: '请尽快整改。\n\nPlease rectify.' });
    const subject = header(raw, 'Subject');
    expect(subject.lines.length).toBeGreaterThan(2);
    const words = subject.value.match(/=\?utf-8\?[bq]\?[^?]*\?=/gi) ?? [];
    expect(words.length).toBeGreaterThan(2);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
    for (const l of raw.split('\r\n')) expect(l.length).toBeLessThanOrEqual(76);
    expect(decodeWords(subject.value)).toBe(LONG_SUBJECT);
    expect(decodeWords(header(raw, 'From').value)).toBe('安全网格');
    expect(header(raw, 'Content-Type').value).toMatch(/text\/plain; charset=utf-8/i);
    const body = raw.split('\r\n\r\n').slice(1).join('\r\n\r\n');
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe('请尽快整改。\n\nPlease rectify.');
  });

  it('sends over SMTP to a listener on 127.0.0.1 with AUTH PLAIN, and refuses header injection', async () => {
    const got: { auth: string; from: string; to: string; data: string } = { auth: '', from: '', to: '', data: '' };
    const server = createServer((sock: Socket) => {
      let buf = '';
      let inData = false;
      sock.write('220 test ESMTP\r\n');
      sock.on('data', (d) => {
        buf += d.toString('utf8');
        for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              sock.write('250 queued\r\n');
            } else got.data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
            continue;
          }
          const cmd = line.split(' ')[0]?.toUpperCase();
          if (cmd === 'EHLO') sock.write('250-test\r\n250 AUTH PLAIN\r\n');
          else if (cmd === 'AUTH') {
            got.auth = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8').split('\0').slice(1).join(':');
            sock.write('235 ok\r\n');
          } else if (cmd === 'MAIL') {
            got.from = /<(.*)>/.exec(line)?.[1] ?? '';
            sock.write('250 ok\r\n');
          } else if (cmd === 'RCPT') {
            got.to = /<(.*)>/.exec(line)?.[1] ?? '';
            sock.write('250 ok\r\n');
          } else if (cmd === 'DATA') {
            inData = true;
            sock.write('354 go\r\n');
          } else if (cmd === 'QUIT') {
            sock.end('221 bye\r\n');
          } else sock.write('502 no\r\n');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const t = smtpTransport({ host: '127.0.0.1', port, secure: false, startTls: false, user: 'sg', password: 'pw', from: 'SafeGrid <noreply@safegrid.local>' });
      await t.send({ channel: 'email', to: 'anquan@example.cn', subject: LONG_SUBJECT, body: '请尽快整改。' });
      expect(got).toMatchObject({ auth: 'sg:pw', from: 'noreply@safegrid.local', to: 'anquan@example.cn' });
      expect(decodeWords(header(got.data, 'Subject').value)).toBe(LONG_SUBJECT);
      await expect(t.send({ channel: 'email', to: 'a@example.cn\r\nBcc: x@example.cn', subject: 's', body: 'b' })).rejects.toThrow(/invalid address/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
