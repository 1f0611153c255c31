import { sql, type Executor } from '../../db/client.js';
import { alias, columnList, notifications, outbox, userContacts, users } from '../../db/schema/index.js';

const NOTIFICATION_COLS = ['id', 'kind', 'title_zh', 'title_en', 'body_zh', 'body_en', 'object_type', 'object_id', 'created_at', 'read_at'] as const;
export type NotificationRow = Pick<typeof notifications.$inferSelect, (typeof NOTIFICATION_COLS)[number]>;

const OUTBOX_COLS = ['id', 'user_id', 'channel', 'recipient_enc', 'subject', 'body', 'status', 'attempts', 'next_attempt_at', 'sent_at', 'last_error',
  'created_at'] as const;
export type OutboxRow = Pick<typeof outbox.$inferSelect, (typeof OUTBOX_COLS)[number]> & { username: string | null };

const CONTACT_COLS = ['user_id', 'email_enc', 'phone_enc', 'notify_email', 'notify_sms'] as const;
export type ContactRow = Pick<typeof userContacts.$inferSelect, (typeof CONTACT_COLS)[number]>;

const o = alias(outbox, 'o');
const u = alias(users, 'u');
const n = notifications;

export const notificationsRepository = {
  async insert(db: Executor, n: {
    userId: string; kind: string; titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; objectType: string | null; objectId: string | null;
    dedupeKey: string | null; at: string;
  }) {
    const r = await db.rows<{ id: string }>(sql`INSERT INTO notifications (user_id, kind, title_zh, title_en, body_zh, body_en, object_type, object_id, dedupe_key, created_at)
      VALUES (${n.userId}::bigint, ${n.kind}, ${n.titleZh}, ${n.titleEn}, ${n.bodyZh}, ${n.bodyEn}, ${n.objectType}, ${n.objectId}, ${n.dedupeKey}, ${n.at}::timestamptz)
      ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`);
    return r[0]?.id ?? null;
  },
  contacts(db: Executor, userIds: readonly string[]) {
    if (userIds.length === 0) return Promise.resolve([] as ContactRow[]);
    return db.rows<ContactRow>(sql`SELECT ${columnList(userContacts, CONTACT_COLS)} FROM ${userContacts}
      WHERE ${userContacts.user_id} = ANY(${`{${userIds.join(',')}}`}::bigint[])`);
  },
  contact(db: Executor, userId: string) {
    return db.one<ContactRow>(sql`SELECT ${columnList(userContacts, CONTACT_COLS)} FROM ${userContacts}
      WHERE ${userContacts.user_id} = ${userId}::bigint`);
  },
  async upsertContact(db: Executor, c: { userId: string; emailEnc: Buffer | null; emailHash: string | null; phoneEnc: Buffer | null; phoneHash: string | null;
    notifyEmail: boolean; notifySms: boolean; at: string }) {
    await db.rows(sql`INSERT INTO user_contacts (user_id, email_enc, email_hash, phone_enc, phone_hash, notify_email, notify_sms, updated_at)
      VALUES (${c.userId}::bigint, ${c.emailEnc}, ${c.emailHash}, ${c.phoneEnc}, ${c.phoneHash}, ${c.notifyEmail}, ${c.notifySms}, ${c.at}::timestamptz)
      ON CONFLICT (user_id) DO UPDATE SET email_enc = EXCLUDED.email_enc, email_hash = EXCLUDED.email_hash, phone_enc = EXCLUDED.phone_enc,
        phone_hash = EXCLUDED.phone_hash, notify_email = EXCLUDED.notify_email, notify_sms = EXCLUDED.notify_sms, updated_at = EXCLUDED.updated_at`);
  },
  async enqueue(db: Executor, o: { notificationId: string | null; userId: string | null; channel: string; recipientEnc: Buffer | null; subject: string; body: string; at: string }) {
    await db.rows(sql`INSERT INTO outbox (notification_id, user_id, channel, recipient_enc, subject, body, next_attempt_at, created_at)
      VALUES (${o.notificationId}::bigint, ${o.userId}::bigint, ${o.channel}, ${o.recipientEnc}, ${o.subject}, ${o.body}, ${o.at}::timestamptz, ${o.at}::timestamptz)`);
  },
  inbox(db: Executor, userId: string, f: { unreadOnly: boolean; beforeId?: string; limit: number }) {
    return db.rows<NotificationRow>(sql`SELECT ${columnList(n, NOTIFICATION_COLS)} FROM ${n}
      WHERE ${n.user_id} = ${userId}::bigint ${f.unreadOnly ? sql`AND ${n.read_at} IS NULL` : sql``}
        ${f.beforeId ? sql`AND ${n.id} < ${f.beforeId}::bigint` : sql``}
      ORDER BY ${n.id} DESC LIMIT ${f.limit + 1}`);
  },
  async unreadCount(db: Executor, userId: string) {
    const r = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId}::bigint AND read_at IS NULL`);
    return r?.n ?? 0;
  },
  async markRead(db: Executor, userId: string, ids: readonly string[] | 'all', at: string) {
    const r = await db.rows<{ id: string }>(sql`UPDATE notifications SET read_at = ${at}::timestamptz
      WHERE user_id = ${userId}::bigint AND read_at IS NULL ${ids === 'all' ? sql`` : sql`AND id = ANY(${`{${ids.join(',')}}`}::bigint[])`} RETURNING id`);
    return r.length;
  },
  outbox(db: Executor, f: { userId?: string; status?: string; beforeId?: string; limit: number }) {
    return db.rows<OutboxRow>(sql`SELECT ${columnList(o, OUTBOX_COLS)}, ${u.username}
      FROM ${outbox} ${o} LEFT JOIN ${users} ${u} ON ${u.id} = ${o.user_id}
      WHERE true ${f.userId ? sql`AND o.user_id = ${f.userId}::bigint` : sql``} ${f.status ? sql`AND o.status = ${f.status}` : sql``}
        ${f.beforeId ? sql`AND o.id < ${f.beforeId}::bigint` : sql``}
      ORDER BY o.id DESC LIMIT ${f.limit + 1}`);
  },
  /**
   * Claims due messages for `leaseSeconds`: their next attempt moves past the lease, so another
   * instance does not pick them up while this one sends (rows being claimed elsewhere are skipped).
   */
  claimDue(db: Executor, now: string, leaseSeconds: number, limit: number) {
    return db.rows<OutboxRow>(sql`UPDATE outbox o SET next_attempt_at = ${now}::timestamptz + make_interval(secs => ${leaseSeconds})
      FROM (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ${now}::timestamptz
            ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED) due
      WHERE o.id = due.id
      RETURNING ${columnList(o, OUTBOX_COLS)}, NULL::text AS username`);
  },
  async markSent(db: Executor, id: string, at: string) {
    await db.rows(sql`UPDATE outbox SET status = 'sent', sent_at = ${at}::timestamptz, attempts = attempts + 1, last_error = NULL WHERE id = ${id}::bigint`);
  },
  async markFailed(db: Executor, id: string, error: string, next: string | null) {
    await db.rows(sql`UPDATE outbox SET attempts = attempts + 1, last_error = ${error.slice(0, 500)},
      status = ${next ? 'pending' : 'failed'}, next_attempt_at = COALESCE(${next}::timestamptz, next_attempt_at) WHERE id = ${id}::bigint`);
  },
};
