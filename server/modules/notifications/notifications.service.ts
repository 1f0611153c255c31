// Telling people: "my work" (gathered from the modules that own the work), the in-app inbox, and
// the outbox that other channels deliver from. Notifications are written in the caller's
// transaction, so a step and the message about it commit together; delivery happens later.
import type { Actor } from '../../core/access.js';
import { can } from '../../core/access.js';
import { AppError, fieldError } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import type { Executor } from '../../db/client.js';
import { maskPhone } from '../../../common/rules/id-number.js';
import type { ContactsBody, WorkItem } from '../../../common/modules/notifications/notifications.contract.js';
import { notificationsRepository as repo } from './notifications.repository.js';
import { logTransport, parseSmtpUrl, smsWebhookTransport, smtpTransport, type Transport } from './transports.js';

export interface Notice {
  kind: string;
  title: { zh: string; en: string };
  body?: { zh: string; en: string };
  object?: { type: string; id: string };
  /** Makes the notice once-only per user (e.g. 'hazard:12:escalate:2'). */
  dedupeKey?: string;
}

export type WorkSource = (actor: Actor, today: string) => Promise<WorkItem[]>;

export interface Transports {
  log: Transport;
  email: Transport | null;
  sms: Transport | null;
}

const MAX_ATTEMPTS = 6;
const LEASE_SECONDS = 300;

export function maskEmail(e: string): string {
  const [user = '', domain = ''] = e.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}

export function defaultTransports(ctx: ModuleContext): Transports {
  const n = ctx.config.notify;
  return {
    log: logTransport(ctx.log),
    email: n?.smtpUrl ? smtpTransport(parseSmtpUrl(n.smtpUrl, n.smtpFrom)) : null,
    sms: n?.smsWebhookUrl ? smsWebhookTransport({ url: n.smsWebhookUrl, token: n.smsWebhookToken }) : null,
  };
}

export function createNotificationsService(ctx: ModuleContext, opts: { transports?: Transports } = {}) {
  const { db, clock, cipher, audit } = ctx;
  let transports = opts.transports ?? defaultTransports(ctx);
  const workSources: WorkSource[] = [];

  const decrypt = (b: Buffer | null): string | null => {
    if (!b) return null;
    try {
      return cipher.decrypt(b);
    } catch {
      return null;
    }
  };

  const service = {
    registerWorkSource(fn: WorkSource): void {
      workSources.push(fn);
    },

    /** Replaces the transports (tests, or a deployment's own). */
    setTransports(t: Transports): void {
      transports = t;
    },

    /**
     * An inbox entry per user (once per dedupe key) and an outbox message per channel the user
     * turned on (the log channel when none). Returns how many users got a new entry.
     */
    async notify(tx: Executor, userIds: readonly string[], n: Notice): Promise<number> {
      const users = [...new Set(userIds.filter((u) => /^[0-9]+$/.test(u)))];
      if (users.length === 0) return 0;
      const at = clock.now().toISOString();
      const contacts = new Map((await repo.contacts(tx, users)).map((c) => [c.user_id, c]));
      let count = 0;
      for (const userId of users) {
        const id = await repo.insert(tx, {
          userId, kind: n.kind, titleZh: n.title.zh, titleEn: n.title.en, bodyZh: n.body?.zh ?? '', bodyEn: n.body?.en ?? '',
          objectType: n.object?.type ?? null, objectId: n.object?.id ?? null, dedupeKey: n.dedupeKey ?? null, at,
        });
        if (!id) continue;
        count++;
        const c = contacts.get(userId);
        const subject = `${n.title.zh} / ${n.title.en}`;
        const body = [n.body?.zh, n.body?.en].filter(Boolean).join('\n\n');
        let queued = false;
        if (c?.notify_email && c.email_enc) {
          await repo.enqueue(tx, { notificationId: id, userId, channel: 'email', recipientEnc: c.email_enc, subject, body, at });
          queued = true;
        }
        if (c?.notify_sms && c.phone_enc) {
          await repo.enqueue(tx, { notificationId: id, userId, channel: 'sms', recipientEnc: c.phone_enc, subject, body, at });
          queued = true;
        }
        if (!queued) await repo.enqueue(tx, { notificationId: id, userId, channel: 'log', recipientEnc: null, subject, body, at });
      }
      return count;
    },

    /** Sends due outbox messages; failures are retried with backoff, then marked failed. */
    async deliver(now: Date = clock.now(), limit = 100): Promise<{ sent: number; failed: number }> {
      const claimed = await db.tx((tx) => repo.claimDue(tx, now.toISOString(), LEASE_SECONDS, limit));
      let sent = 0;
      let failed = 0;
      for (const m of claimed) {
        const transport = m.channel === 'email' ? transports.email ?? transports.log : m.channel === 'sms' ? transports.sms ?? transports.log : transports.log;
        try {
          await transport.send({ channel: m.channel, to: decrypt(m.recipient_enc), subject: m.subject, body: m.body });
          await repo.markSent(db, m.id, clock.now().toISOString());
          sent++;
        } catch (e) {
          const attempts = m.attempts + 1;
          const next = attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + 60_000 * 2 ** attempts).toISOString();
          await repo.markFailed(db, m.id, e instanceof Error ? e.message : String(e), next);
          failed++;
        }
      }
      return { sent, failed };
    },

    async myWork(actor: Actor, today: string): Promise<{ today: string; items: WorkItem[]; counts: Record<string, number> }> {
      const lists = await Promise.all(workSources.map((f) => f(actor, today)));
      const items = lists.flat().sort((a, b) =>
        Number(b.overdue) - Number(a.overdue) || b.daysOverdue - a.daysOverdue || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || Number(a.id) - Number(b.id));
      const counts: Record<string, number> = {};
      for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
      counts.overdue = items.filter((i) => i.overdue).length;
      return { today, items, counts };
    },

    async inbox(actor: Actor, q: { limit?: number; cursor?: string; unread?: boolean }) {
      if (!actor.userId) return { items: [], nextCursor: null, unread: 0 };
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const rows = await repo.inbox(db, actor.userId, { unreadOnly: !!q.unread, ...(after ? { beforeId: String(after[0]) } : {}), limit });
      const page = pageOf(rows, limit, (r) => [r.id]);
      return { ...page, unread: await repo.unreadCount(db, actor.userId) };
    },

    async markRead(actor: Actor, body: { ids?: string[]; all?: boolean }) {
      if (!actor.userId) throw new AppError('FORBIDDEN');
      if (!body.all && !body.ids?.length) throw fieldError('body/ids', 'give ids or all: true');
      const marked = await repo.markRead(db, actor.userId, body.all ? 'all' : body.ids ?? [], clock.now().toISOString());
      return { marked, unread: await repo.unreadCount(db, actor.userId) };
    },

    async contacts(actor: Actor) {
      if (!actor.userId) throw new AppError('FORBIDDEN');
      const c = await repo.contact(db, actor.userId);
      const email = decrypt(c?.email_enc ?? null);
      const phone = decrypt(c?.phone_enc ?? null);
      return { email: email ? maskEmail(email) : null, phone: phone ? maskPhone(phone) : null, notifyEmail: c?.notify_email ?? false, notifySms: c?.notify_sms ?? false };
    },

    async setContacts(actor: Actor, body: ContactsBody) {
      if (!actor.userId) throw new AppError('FORBIDDEN');
      const userId = actor.userId;
      const cur = await repo.contact(db, userId);
      const email = body.email === undefined ? decrypt(cur?.email_enc ?? null) : body.email;
      const phone = body.phone === undefined ? decrypt(cur?.phone_enc ?? null) : body.phone;
      const notifyEmail = body.notifyEmail ?? cur?.notify_email ?? false;
      const notifySms = body.notifySms ?? cur?.notify_sms ?? false;
      if (notifyEmail && !email) throw fieldError('body/notifyEmail', 'an e-mail address is needed');
      if (notifySms && !phone) throw fieldError('body/notifySms', 'a mobile number is needed');
      await db.tx(async (tx) => {
        await repo.upsertContact(tx, {
          userId, emailEnc: email ? cipher.encrypt(email) : null, emailHash: email ? cipher.lookupHash(email) : null,
          phoneEnc: phone ? cipher.encrypt(phone) : null, phoneHash: phone ? cipher.lookupHash(phone) : null, notifyEmail, notifySms,
          at: clock.now().toISOString(),
        });
        await audit.write(tx, actor, { action: 'contacts.update', objectType: 'user', objectId: userId,
          summary: { email: body.email !== undefined, phone: body.phone !== undefined, notifyEmail, notifySms } });
      });
      return service.contacts(actor);
    },

    async outbox(actor: Actor, q: { limit?: number; cursor?: string; status?: string; all?: boolean }) {
      if (q.all && !can(actor, 'config.manage')) throw new AppError('FORBIDDEN', 'Missing permission config.manage');
      if (!q.all && !actor.userId) return { items: [], nextCursor: null };
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const rows = await repo.outbox(db, {
        ...(q.all ? {} : { userId: actor.userId ?? '0' }), ...(q.status ? { status: q.status } : {}), ...(after ? { beforeId: String(after[0]) } : {}), limit,
      });
      const page = pageOf(rows, limit, (r) => [r.id]);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((r) => {
          const to = decrypt(r.recipient_enc);
          return { ...r, recipient: to ? (r.channel === 'email' ? maskEmail(to) : maskPhone(to)) : null };
        }),
      };
    },
  };
  return service;
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
