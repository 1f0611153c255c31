// The public portal: residents report without an account. Everything here is reached by public
// routes, so it takes a Requester (address, device token) instead of an actor, returns public
// fields only, and stores contact details only encrypted.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { ModuleContext } from '../../core/module.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import { toIso, type Executor } from '../../db/client.js';
import { locatePoint } from '../units/units.locate.js';
import { readPhotoMeta, sniffImage, stripExif, type FilesService } from '../files/files.service.js';
import { HAZARD_CATEGORIES, type HazardCategory } from '../../../common/modules/hazards/hazards.contract.js';
import {
  REPORT_ATTRIBUTES, REPORT_LIMITS, type Attributes, type Contact, type NearbyItem, type PortalInfo, type PortalSettings,
  type PowSolution, type PublicStatus, type SubmitBody, type SubmitResponse,
} from '../../../common/modules/reports/reports.contract.js';
import {
  TEXT_PROBLEM_MESSAGES, TRACKING_ALPHABET, TRACKING_LENGTH, excerpt, formatTrackingCode, maskEmail, maskFreeText, maskName,
  normalizeTrackingCode, textProblem,
} from '../../../common/modules/reports/reports.text.js';
import { maskPhone } from '../../../common/rules/id-number.js';
import { localDay } from '../../../common/time.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { BUILTIN_ROLES } from '../../../common/permissions.js';
import type { Challenges } from './reports.abuse.js';
import type { SettingsDoc } from './reports.settings.js';
import { reportsRepository as repo, type EncContact, type ReportRowDb } from './reports.repository.js';
import { publicTimeline, statusResolver, type HazardsPort } from './reports.status.js';

export const REPORT_FILE_OWNER = 'public_report';

/** Who is asking on a public route. */
export interface Requester {
  ip: string | null;
  deviceToken: string | null;
}

export interface IncomingPhoto {
  data: Buffer;
}

export type FilesPort = Pick<FilesService, 'store' | 'filesOf'>;

export interface PortalDeps {
  hazards: HazardsPort;
  files: FilesPort;
  notifications: Pick<NotificationsService, 'notify'>;
  settings: SettingsDoc<PortalSettings>;
  challenges: Challenges;
}

/** A report to store, whatever the channel. */
export interface ReportDraft {
  channel: 'portal' | 'open311';
  category: string;
  description: string;
  locationSource: 'map' | 'gps' | 'address';
  lng?: number | undefined;
  lat?: number | undefined;
  address?: string | undefined;
  /** A unit code standing for the location (Open311 address_id). */
  addressId?: string | undefined;
  attributes?: Attributes | undefined;
  contact?: Contact | undefined;
  open311KeyId?: string | null;
}

export function randomCode(): string {
  let s = '';
  for (let i = 0; i < TRACKING_LENGTH; i++) s += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return s;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function categoryOf(code: string): HazardCategory | undefined {
  return HAZARD_CATEGORIES.find((c) => c.code === code);
}
export function presentCategory(code: string) {
  const c = categoryOf(code);
  return { code, name: { zh: c?.zh ?? code, en: c?.en ?? code } };
}

/** Checks attribute values against the published definitions; field names as `base/CODE`. */
export function checkAttributes(attrs: Attributes | undefined, base: string): Attributes {
  const out: Attributes = {};
  const given = attrs ?? {};
  for (const code of Object.keys(given)) {
    if (!REPORT_ATTRIBUTES.some((a) => a.code === code)) throw fieldError(`${base}/${code}`, 'unknown attribute');
  }
  for (const a of REPORT_ATTRIBUTES) {
    const v = given[a.code];
    const field = `${base}/${a.code}`;
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (a.required) throw fieldError(field, 'is required');
      continue;
    }
    const keys = (a.values ?? []).map((x) => x.key);
    switch (a.datatype) {
      case 'singlevaluelist':
        if (typeof v !== 'string' || !keys.includes(v)) throw fieldError(field, `must be one of ${keys.join(', ')}`);
        out[a.code] = v;
        break;
      case 'multivaluelist': {
        const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : null;
        if (!list || list.some((x) => !keys.includes(x))) throw fieldError(field, `must be among ${keys.join(', ')}`);
        out[a.code] = [...new Set(list)];
        break;
      }
      case 'number': {
        const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > 100_000) throw fieldError(field, 'must be a whole number from 0 to 100000');
        out[a.code] = n;
        break;
      }
      case 'datetime': {
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) || Number.isNaN(Date.parse(v))) {
          throw fieldError(field, 'must be an ISO 8601 date and time with a time zone');
        }
        out[a.code] = new Date(v).toISOString();
        break;
      }
      case 'string':
      case 'text': {
        if (typeof v !== 'string') throw fieldError(field, 'must be text');
        const t = v.trim();
        if (t.length > (a.maxLength ?? 2000)) throw fieldError(field, 'is too long');
        out[a.code] = t;
        break;
      }
    }
  }
  return out;
}

export function createPortalService(ctx: ModuleContext, deps: PortalDeps) {
  const { db, clock, cipher, audit, config } = ctx;
  const { hazards, files, settings, challenges, notifications } = deps;
  const triageRoles = Object.values(BUILTIN_ROLES).filter((r) => r.permissions.includes('report.triage')).map((r) => r.code);

  const hashOf = (kind: string, v: string | null) => (v ? cipher.lookupHash(`${kind}:${v}`) : null);

  function encContact(c: Contact | undefined): EncContact {
    const name = c?.name?.trim() || null;
    const phone = c?.phone?.replace(/[\s()-]/g, '') || null;
    const email = c?.email?.trim().toLowerCase() || null;
    return {
      nameEnc: name ? cipher.encrypt(name) : null,
      phoneEnc: phone ? cipher.encrypt(phone) : null,
      emailEnc: email ? cipher.encrypt(email) : null,
      phoneHash: phone ? cipher.lookupHash(`phone:${phone}`) : null,
      emailHash: email ? cipher.lookupHash(`email:${email}`) : null,
    };
  }

  function maskedContact(r: { contact_name_enc: Buffer | null; contact_phone_enc: Buffer | null; contact_email_enc: Buffer | null }) {
    if (!r.contact_name_enc && !r.contact_phone_enc && !r.contact_email_enc) return null;
    return {
      name: r.contact_name_enc ? maskName(cipher.decrypt(r.contact_name_enc)) : null,
      phone: r.contact_phone_enc ? maskPhone(cipher.decrypt(r.contact_phone_enc)) : null,
      email: r.contact_email_enc ? maskEmail(cipher.decrypt(r.contact_email_enc)) : null,
    };
  }

  function clearContact(r: { contact_name_enc: Buffer | null; contact_phone_enc: Buffer | null; contact_email_enc: Buffer | null }) {
    if (!r.contact_name_enc && !r.contact_phone_enc && !r.contact_email_enc) return null;
    return {
      name: r.contact_name_enc ? cipher.decrypt(r.contact_name_enc) : null,
      phone: r.contact_phone_enc ? cipher.decrypt(r.contact_phone_enc) : null,
      email: r.contact_email_enc ? cipher.decrypt(r.contact_email_enc) : null,
    };
  }

  async function uniqueCode(ex: Executor): Promise<string> {
    for (let i = 0; i < 8; i++) {
      const code = randomCode();
      if (!(await repo.codeExists(ex, code))) return code;
    }
    throw new Error('could not draw a free tracking code');
  }

  function checkDescription(text: string, field: string): string {
    const problem = textProblem(text, { min: REPORT_LIMITS.descriptionMinWeight, max: REPORT_LIMITS.descriptionMax });
    if (problem) throw fieldError(field, TEXT_PROBLEM_MESSAGES[problem].en, problem);
    return text.trim();
  }

  /** Type by magic bytes, size, and EXIF removed before anything is stored. */
  function preparePhotos(photos: readonly IncomingPhoto[], max: number): Array<{ data: Buffer; mime: string }> {
    if (photos.length > max) throw fieldError('body/photos', `at most ${max} photos`);
    return photos.map((p, i) => {
      const field = `body/photos/${i}`;
      if (p.data.length === 0) throw fieldError(field, 'the file is empty');
      if (p.data.length > REPORT_LIMITS.photoBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Photo ${i + 1} is larger than ${REPORT_LIMITS.photoBytes} bytes`, { fields: [{ field, message: 'too large' }] });
      const mime = sniffImage(p.data);
      if (!mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only JPEG, PNG and WebP photos are accepted', { fields: [{ field, message: 'not a JPEG, PNG or WebP image' }] });
      const data = stripExif(p.data);
      if (readPhotoMeta(data, config.timeZone).gps !== null) throw new AppError('UNPROCESSABLE', 'The photo\'s location metadata could not be removed', { fields: [{ field, message: 'metadata could not be removed' }] });
      return { data, mime };
    });
  }

  /** Where the report is: coordinates, or a typed address matched to a unit, or a unit code. */
  async function place(d: ReportDraft, base: string): Promise<{ lng: number; lat: number; gridId: string; gridPath: string; gridName: string; source: 'map' | 'gps' | 'address' }> {
    let lng = d.lng;
    let lat = d.lat;
    let source = d.locationSource;
    if ((lng === undefined) !== (lat === undefined)) throw fieldError(lng === undefined ? `${base}/lng` : `${base}/lat`, 'give both coordinates');
    if (lng === undefined || lat === undefined) {
      if (d.addressId) {
        const p = await repo.unitPoint(db, d.addressId);
        if (!p) throw fieldError(`${base}/address_id`, 'unknown address_id (a unit code of this jurisdiction)', 'address_unresolved');
        ({ lng, lat } = p);
        source = 'address';
      } else if (d.address && d.address.trim().length >= 2) {
        const m = await repo.matchAddress(db, d.address.trim());
        if (!m) {
          throw fieldError(`${base}/address`, 'This address could not be found in our area. Tap the place on the map or use your location instead.', 'address_unresolved');
        }
        ({ lng, lat } = m);
        source = 'address';
      } else {
        throw fieldError(d.locationSource === 'address' ? `${base}/address` : `${base}/lng`, 'a location is required: coordinates or an address');
      }
    }
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) throw fieldError(`${base}/lng`, 'invalid coordinates');
    const grid = await locatePoint(db, lng, lat);
    if (!grid) throw new AppError('OUTSIDE_JURISDICTION', 'This place is outside the area we look after; nothing was stored. Please contact the authority responsible for that place.');
    return { lng, lat, gridId: grid.gridId, gridPath: grid.path, gridName: grid.gridName, source };
  }

  async function needsChallenge(ipHash: string | null, deviceHash: string | null, s: PortalSettings): Promise<boolean> {
    if (ipHash === null && deviceHash === null) return false;
    const since = new Date(clock.now().getTime() - 3_600_000);
    const n = (await repo.submissionsSince(db, { ipHash, deviceHash, since }))?.n ?? 0;
    return n >= s.freeSubmissionsPerHour;
  }

  async function guard(req: Requester, pow: PowSolution | undefined, s: PortalSettings, channel: 'portal' | 'open311') {
    const ipHash = hashOf('ip', req.ip);
    const deviceHash = hashOf('device', req.deviceToken);
    const required = channel === 'portal' && (await needsChallenge(ipHash, deviceHash, s));
    if (required && !pow) {
      throw new AppError('CHALLENGE_REQUIRED', 'Several reports came from here recently: please complete the check first', { reason: 'required', challengeUrl: '/api/public/challenge' });
    }
    return { ipHash, deviceHash, redeem: channel === 'portal' && pow !== undefined };
  }

  async function createReport(req: Requester, d: ReportDraft, photos: readonly IncomingPhoto[], pow: PowSolution | undefined, base = 'body') {
    const s = await settings.get();
    if (!categoryOf(d.category)) throw fieldError(`${base}/category`, 'unknown category');
    const description = checkDescription(d.description, `${base}/description`);
    const attributes = checkAttributes(d.attributes, `${base}/attributes`);
    const prepared = preparePhotos(photos, s.maxPhotos);
    const where = await place(d, base);
    const g = await guard(req, pow, s, d.channel);
    const contact = encContact(d.contact);
    const now = clock.now();
    const result = await db.tx(async (tx) => {
      if (g.redeem && pow) await challenges.redeem(tx, pow, now, s.challengeBits);
      const code = await uniqueCode(tx);
      const ref = randomBytes(6).toString('hex');
      const token = d.channel === 'open311' ? randomUUID() : null;
      const id = await repo.insertReport(tx, {
        code, ref, channel: d.channel, category: d.category, description, attributes,
        address: d.address?.trim() || null, locationSource: where.source, lng: where.lng, lat: where.lat,
        gridId: where.gridId, unitPath: where.gridPath, contact, deviceHash: g.deviceHash, ipHash: g.ipHash,
        open311KeyId: d.open311KeyId ?? null, open311Token: token, at: now,
      });
      for (const p of prepared) {
        await files.store(null, { data: p.data, filename: null, purpose: 'report_photo', strip: true, maxBytes: REPORT_LIMITS.photoBytes, owner: { type: REPORT_FILE_OWNER, id } }, tx);
      }
      if (prepared.length) await repo.setPhotoCount(tx, id, prepared.length);
      await repo.insertEvent(tx, { reportId: id, at: now, kind: 'submitted' });
      await repo.logSubmission(tx, { ipHash: g.ipHash, deviceHash: g.deviceHash, at: now });
      const cat = presentCategory(d.category).name;
      await notifications.notify(tx, (await repo.triageUsersOfGrid(tx, where.gridId, triageRoles)).map((u) => u.user_id), {
        kind: 'report.new', object: { type: 'public_report', id }, dedupeKey: `report:${id}:new`,
        title: { zh: `新的居民举报待核实：${cat.zh}`, en: `New resident report to check: ${cat.en}` },
        body: { zh: excerpt(description, 120), en: excerpt(description, 120) },
      });
      await audit.write(tx, { userId: null, username: d.channel === 'open311' ? 'open311' : 'public' }, {
        action: 'report.submit', objectType: 'public_report', objectId: id,
        summary: { ref, category: d.category, channel: d.channel, grid: where.gridPath, photos: prepared.length, contact: contact.phoneEnc !== null || contact.emailEnc !== null },
      }, null);
      return { id, code, ref, token };
    });
    return { ...result, unitName: where.gridName, submittedAt: now, photos: prepared.length };
  }

  const resolverFor = () => statusResolver(db, hazards);

  async function loadByCode(raw: string) {
    const code = normalizeTrackingCode(raw);
    if (!code) throw notFound('report');
    const own = await repo.reportByCode(db, code);
    if (own) return { code, report: own, supporter: null };
    const sup = await repo.supporterByCode(db, code);
    if (!sup) throw notFound('report');
    const report = await repo.reportById(db, sup.report_id);
    if (!report) throw notFound('report');
    return { code, report, supporter: sup };
  }

  return {
    maskedContact,
    clearContact,
    encContact,
    createReport,
    resolverFor,

    async info(): Promise<PortalInfo> {
      const s = await settings.get();
      const b = await repo.jurisdictionBbox(db);
      const bbox = b && b.x1 !== null && b.y1 !== null && b.x2 !== null && b.y2 !== null ? [b.x1, b.y1, b.x2, b.y2] : null;
      return {
        categories: HAZARD_CATEGORIES.map((c) => presentCategory(c.code)),
        attributes: REPORT_ATTRIBUTES.map((a) => ({
          code: a.code, datatype: a.datatype, required: a.required, order: a.order, description: a.description,
          datatypeDescription: a.datatypeDescription, values: (a.values ?? []).map((v) => ({ key: v.key, name: v.name })),
        })),
        duplicateRadiusM: s.duplicateRadiusM,
        duplicateDays: s.duplicateDays,
        maxPhotos: s.maxPhotos,
        photoBytes: REPORT_LIMITS.photoBytes,
        bbox,
      };
    },

    async map(level: 'district' | 'street' | 'community' | 'grid') {
      const tolerance = { grid: 0.00002, community: 0.00005, street: 0.0001, district: 0.0002 }[level];
      const rows = await repo.mapFeatures(db, level, tolerance);
      return {
        type: 'FeatureCollection' as const,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          properties: { code: r.code, name: r.name, level: r.level },
          geometry: JSON.parse(r.geometry) as { type: string; coordinates: unknown[] },
        })),
      };
    },

    async nearby(q: { category: string; lng: number; lat: number }): Promise<{ items: NearbyItem[]; radiusM: number; days: number }> {
      if (!categoryOf(q.category)) throw fieldError('querystring/category', 'unknown category');
      const s = await settings.get();
      const since = new Date(clock.now().getTime() - s.duplicateDays * 86_400_000);
      const rows = await repo.nearby(db, { category: q.category, lng: q.lng, lat: q.lat, radiusM: s.duplicateRadiusM, since, limit: 40 });
      const resolve = resolverFor();
      const items: NearbyItem[] = [];
      for (const r of rows) {
        const st = await resolve(r);
        if (st.publicState !== 'open') continue;
        items.push({
          ref: r.ref, category: presentCategory(r.category), excerpt: excerpt(r.description), distanceM: Math.round(r.distance_m),
          reportedOn: localDay(r.created_at, config.timeZone), supporters: r.supporter_count, stage: st.stage,
          lng: round(r.lng, 4), lat: round(r.lat, 4),
        });
        if (items.length >= 10) break;
      }
      return { items, radiusM: s.duplicateRadiusM, days: s.duplicateDays };
    },

    async geocode(q: string) {
      const m = await repo.matchAddress(db, q.trim());
      if (!m) return { match: null };
      const inside = await locatePoint(db, m.lng, m.lat);
      if (!inside) return { match: null };
      return { match: { unitName: m.name, path: m.names, lng: round(m.lng, 6), lat: round(m.lat, 6) } };
    },

    async challenge() {
      const s = await settings.get();
      const c = challenges.issue(clock.now(), s.challengeBits, s.challengeTtlSeconds);
      return { challenge: c.challenge, difficulty: c.difficulty, algorithm: 'sha256-leading-zero-bits' as const, expiresAt: c.expiresAt.toISOString() };
    },

    async submit(req: Requester, body: SubmitBody, photos: readonly IncomingPhoto[]): Promise<SubmitResponse> {
      const r = await createReport(req, { ...body, channel: 'portal' }, photos, body.pow);
      return { code: r.code, display: formatTrackingCode(r.code), ref: r.ref, unitName: r.unitName, submittedAt: r.submittedAt.toISOString(), photos: r.photos };
    },

    /** "Me too": a resident adds themselves to an open report instead of filing a duplicate. */
    async support(req: Requester, ref: string, body: { contact?: Contact; pow?: PowSolution }) {
      let report = await repo.reportByRef(db, ref);
      if (!report) throw notFound('report');
      if (report.state === 'merged' && report.merged_into) report = (await repo.reportById(db, report.merged_into)) ?? report;
      const st = await resolverFor()(report);
      if (st.publicState !== 'open') throw new AppError('INVALID_TRANSITION', 'This report is closed; please file a new one if the problem is back');
      const s = await settings.get();
      const g = await guard(req, body.pow, s, 'portal');
      const contact = encContact(body.contact);
      const now = clock.now();
      const target = report;
      return db.tx(async (tx) => {
        if (g.redeem && body.pow) await challenges.redeem(tx, body.pow, now, s.challengeBits);
        const code = await uniqueCode(tx);
        const n = await repo.insertSupporter(tx, { reportId: target.id, code, contact, deviceHash: g.deviceHash, ipHash: g.ipHash, at: now });
        await repo.insertEvent(tx, { reportId: target.id, at: now, kind: 'supported' });
        await repo.logSubmission(tx, { ipHash: g.ipHash, deviceHash: g.deviceHash, at: now });
        await audit.write(tx, { userId: null, username: 'public' }, { action: 'report.support', objectType: 'public_report', objectId: target.id, summary: { ref: target.ref, supporters: n } }, null);
        return { code, display: formatTrackingCode(code), supporters: n };
      });
    },

    /** The status page: progress and outcome, every personal detail masked. */
    async status(raw: string): Promise<PublicStatus> {
      const { code, report, supporter } = await loadByCode(raw);
      const st = await resolverFor()(report);
      const ids = [...new Set([report.id, st.root.id])];
      const events = await repo.eventsOf(db, ids);
      const own = events.filter((e) => e.report_id === report.id);
      const rootEvents = st.root.id === report.id ? [] : events.filter((e) => e.report_id === st.root.id);
      const group = await repo.supporterCountOfGroup(db, st.root.id);
      const reward = supporter ? null : await repo.rewardByReport(db, report.id);
      const since = supporter ? toIso(supporter.created_at) ?? undefined : undefined;
      return {
        code,
        display: formatTrackingCode(code),
        role: supporter ? 'supporter' : 'reporter',
        category: presentCategory(report.category),
        description: maskFreeText(report.description),
        unitName: st.root.unit_name,
        submittedAt: toIso(supporter ? supporter.created_at : report.created_at) ?? '',
        updatedAt: st.updatedAt,
        stage: st.stage,
        publicState: st.publicState,
        closedAt: st.closedAt,
        rejectReason: st.rejectReason,
        supporters: group?.n ?? report.supporter_count,
        photos: supporter ? 0 : report.photo_count,
        contact: maskedContact(supporter ?? report),
        reward: reward ? { state: reward.state, amount: reward.state === 'approved' || reward.state === 'paid' ? reward.amount : null } : null,
        timeline: publicTimeline(own, rootEvents, st, since ? { supporterSince: since } : {}),
      };
    },

    // ---- for Open311 ----
    byRef: (ref: string) => repo.reportByRef(db, ref),
    refByToken: async (token: string) => (await repo.reportByToken(db, token))?.ref ?? null,
    publicRequests: (f: { refs?: string[]; categories?: string[]; from?: Date; to?: Date; limit: number }): Promise<ReportRowDb[]> => repo.publicRequests(db, f),
  };
}
export type PortalService = ReturnType<typeof createPortalService>;
