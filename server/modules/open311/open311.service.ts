// Open311 GeoReport v2 over the public reports: services are the hazard categories, requests
// are public reports with public fields only (no contact details, no names), internal states
// map to open/closed with status_notes. POST needs an API key unless the settings say otherwise.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../core/access.js';
import { require } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { toIso } from '../../db/client.js';
import { isoInZone } from '../../../common/time.js';
import { HAZARD_CATEGORIES } from '../../../common/modules/hazards/hazards.contract.js';
import {
  GEOREPORT_V2_SPEC, type Discovery, type Open311Settings, type PostRequestBody, type PostRequestResult, type RequestsQuery,
  type Service, type ServiceDefinition, type ServiceRequest,
} from '../../../common/modules/open311/open311.contract.js';
import { REPORT_ATTRIBUTES, type Attributes } from '../../../common/modules/reports/reports.contract.js';
import { formatTrackingCode, maskFreeText } from '../../../common/modules/reports/reports.text.js';
import { categoryOf, type PortalService, type Requester } from '../reports/reports.portal.js';
import type { ReportRowDb } from '../reports/reports.repository.js';
import type { SettingsDoc } from '../reports/reports.settings.js';
import type { Resolved } from '../reports/reports.status.js';
import { open311Repository as repo } from './open311.repository.js';

export type Lang = 'zh' | 'en';

/** When this endpoint's behaviour last changed (discovery `changeset`). */
export const API_CHANGESET = '2026-01-01T00:00:00+08:00';
const MAX_RESULTS = 1000;
const WINDOW_MS = 90 * 86_400_000;
const REF_RE = /^[0-9a-f]{12}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

function parseDate(v: string, field: string): Date {
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw fieldError(field, 'must be an ISO 8601 date and time, e.g. 2026-03-01T00:00:00+08:00');
  return new Date(t);
}

const STATUS_NOTES: Record<'received' | 'rectifying' | 'closed', { zh: string; en: string }> = {
  received: { zh: '已受理，等待网格员核实', en: 'Received; a grid worker will check it' },
  rectifying: { zh: '已确认为安全隐患，正在整改', en: 'Confirmed as a hazard; being rectified' },
  closed: { zh: '隐患已整改销号', en: 'The hazard has been fixed and closed' },
};

/** Attribute fields as sent: `attribute[CODE]`, `attribute[CODE][]` (form) or `attribute: {CODE: …}` (JSON). */
export function attributesOf(body: Record<string, unknown>): Attributes {
  const out: Attributes = {};
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [k, v] of Object.entries(nested as Record<string, unknown>)) {
      if (typeof v === 'string' || Array.isArray(v)) out[k] = Array.isArray(v) ? v.map(String) : v;
    }
  }
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]{1,40})\](\[\])?$/.exec(k);
    if (!m || m[1] === undefined) continue;
    const code = m[1];
    const list = Array.isArray(v) ? v.map(String) : [String(v)];
    const isMulti = m[2] !== undefined || REPORT_ATTRIBUTES.find((a) => a.code === code)?.datatype === 'multivaluelist';
    out[code] = isMulti ? list : (list[0] ?? '');
  }
  return out;
}

export function createOpen311Service(ctx: ModuleContext, deps: { portal: PortalService; settings: SettingsDoc<Open311Settings> }) {
  const { db, clock, audit, config } = ctx;
  const { portal, settings } = deps;
  const tz = config.timeZone;

  function serviceOf(code: string, lang: Lang): Service {
    const c = categoryOf(code);
    const name = c ? (lang === 'en' ? c.en : c.zh) : code;
    return {
      service_code: code,
      service_name: name,
      description: lang === 'en' ? `Report a safety hazard: ${c?.en ?? code}` : `举报安全隐患：${c?.zh ?? code}`,
      metadata: REPORT_ATTRIBUTES.length > 0,
      type: 'realtime',
      keywords: [c?.zh, c?.en, code].filter(Boolean).join(','),
      group: lang === 'en' ? 'Safety hazards' : '安全隐患',
    };
  }

  function statusNotes(st: Resolved, lang: Lang): string {
    if (st.stage === 'rejected') {
      return lang === 'en' ? `Checked and found not to be a hazard: ${st.rejectReason ?? ''}` : `经核实不属于安全隐患：${st.rejectReason ?? ''}`;
    }
    const last = st.hazard?.notes[st.hazard.notes.length - 1];
    if (st.stage !== 'received' && last) return last.text[lang];
    return STATUS_NOTES[st.stage][lang];
  }

  function present(r: ReportRowDb, st: Resolved, lang: Lang): ServiceRequest {
    const round = (v: number) => Math.round(v * 1e4) / 1e4;
    const root = st.root;
    return {
      service_request_id: r.ref,
      status: st.publicState,
      status_notes: statusNotes(st, lang),
      service_name: serviceOf(r.category, lang).service_name,
      service_code: r.category,
      description: maskFreeText(r.description),
      agency_responsible: root.unit_name,
      service_notice: null,
      requested_datetime: isoInZone(r.created_at, tz),
      updated_datetime: isoInZone(st.updatedAt || (toIso(r.updated_at) ?? r.updated_at), tz),
      expected_datetime: null,
      address: r.unit_names.join(''),
      address_id: r.unit_code,
      zipcode: null,
      lat: round(r.lat),
      long: round(r.lng),
      media_url: null,
    };
  }

  async function checkKey(apiKey: string | undefined): Promise<string | null> {
    const s = await settings.get();
    if (!apiKey) {
      if (s.requireApiKey) throw new AppError('FORBIDDEN', 'api_key is required');
      return null;
    }
    const k = await repo.activeKeyByHash(db, keyHash(apiKey));
    if (!k) throw new AppError('FORBIDDEN', 'api_key is invalid');
    return k.id;
  }

  return {
    settings,

    async checkJurisdiction(id: string | undefined): Promise<void> {
      if (id === undefined || id === '') return;
      const s = await settings.get();
      if (id !== s.jurisdictionId) throw new AppError('NOT_FOUND', `jurisdiction_id ${id} not found`);
    },

    async discovery(baseUrl: string): Promise<Discovery> {
      const s = await settings.get();
      return {
        changeset: API_CHANGESET,
        contact: s.contact,
        key_service: s.keyService,
        endpoints: [{ specification: GEOREPORT_V2_SPEC, url: baseUrl, changeset: API_CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
      };
    },

    services: (lang: Lang): Service[] => HAZARD_CATEGORIES.map((c) => serviceOf(c.code, lang)),

    definition(code: string, lang: Lang): ServiceDefinition {
      if (!categoryOf(code)) throw new AppError('NOT_FOUND', `service_code ${code} not found`);
      return {
        service_code: code,
        attributes: [...REPORT_ATTRIBUTES].sort((a, b) => a.order - b.order).map((a) => ({
          variable: true,
          code: a.code,
          datatype: a.datatype,
          required: a.required,
          datatype_description: a.datatypeDescription ? a.datatypeDescription[lang] : null,
          order: a.order,
          description: a.description[lang],
          ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name[lang] })) } : {}),
        })),
      };
    },

    async requests(q: RequestsQuery, lang: Lang): Promise<ServiceRequest[]> {
      const resolve = portal.resolverFor();
      if (q.service_request_id !== undefined && q.service_request_id.trim() !== '') {
        const refs = [...new Set(q.service_request_id.split(',').map((s) => s.trim().toLowerCase()).filter((s) => REF_RE.test(s)))].slice(0, 200);
        if (refs.length === 0) return [];
        const rows = await portal.publicRequests({ refs, limit: MAX_RESULTS });
        return Promise.all(rows.map(async (r) => present(r, await resolve(r), lang)));
      }
      const codes = q.service_code ? q.service_code.split(',').map((s) => s.trim()).filter(Boolean) : [];
      for (const c of codes) if (!categoryOf(c)) throw fieldError('service_code', `unknown service_code ${c}`);
      const statuses = q.status ? q.status.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : [];
      for (const s of statuses) if (s !== 'open' && s !== 'closed') throw fieldError('status', 'must be open or closed');
      const now = clock.now();
      let from = q.start_date ? parseDate(q.start_date, 'start_date') : null;
      let to = q.end_date ? parseDate(q.end_date, 'end_date') : null;
      if (from && to) {
        if (from.getTime() > to.getTime()) throw fieldError('start_date', 'must not be after end_date');
        if (to.getTime() - from.getTime() > WINDOW_MS) throw fieldError('end_date', 'the range between start_date and end_date may not span more than 90 days');
      } else if (from) {
        to = new Date(from.getTime() + WINDOW_MS);
      } else if (to) {
        from = new Date(to.getTime() - WINDOW_MS);
      } else {
        to = now;
        from = new Date(now.getTime() - WINDOW_MS);
      }
      const rows = await portal.publicRequests({ categories: codes, from, to, limit: statuses.length ? MAX_RESULTS * 5 : MAX_RESULTS });
      const out: ServiceRequest[] = [];
      for (const r of rows) {
        const st = await resolve(r);
        if (statuses.length && !statuses.includes(st.publicState)) continue;
        out.push(present(r, st, lang));
        if (out.length >= MAX_RESULTS) break;
      }
      return out;
    },

    async request(id: string, lang: Lang): Promise<ServiceRequest[]> {
      const ref = id.toLowerCase();
      const r = REF_RE.test(ref) ? await portal.byRef(ref) : undefined;
      if (!r) throw new AppError('NOT_FOUND', `service_request_id ${id} not found`);
      return [present(r, await portal.resolverFor()(r), lang)];
    },

    async token(token: string) {
      const ref = /^[0-9a-f-]{36}$/i.test(token) ? await portal.refByToken(token.toLowerCase()) : null;
      if (!ref) throw new AppError('NOT_FOUND', `token ${token} not found`);
      return [{ service_request_id: ref, token: token.toLowerCase() }];
    },

    async post(req: Requester, body: PostRequestBody, lang: Lang): Promise<PostRequestResult> {
      const keyId = await checkKey(body.api_key);
      const category = body.service_code;
      if (!categoryOf(category)) throw fieldError('service_code', `unknown service_code ${category}`);
      if (body.email && !EMAIL_RE.test(body.email)) throw fieldError('email', 'is not an e-mail address');
      if (body.phone && !/^\+?[0-9 ()-]{5,20}$/.test(body.phone)) throw fieldError('phone', 'is not a phone number');
      const name = [body.first_name, body.last_name].map((s) => s?.trim()).filter(Boolean).join(' ');
      const contact = {
        ...(name ? { name } : {}), ...(body.phone ? { phone: body.phone } : {}), ...(body.email ? { email: body.email } : {}),
      };
      const hasPoint = body.lat !== undefined || body.long !== undefined;
      const r = await portal.createReport(
        { ip: req.ip, deviceToken: body.device_id ? `o311-${body.device_id}` : null },
        {
          channel: 'open311', category, description: body.description ?? '',
          locationSource: hasPoint ? 'map' : 'address', lng: body.long, lat: body.lat,
          address: body.address_string, addressId: hasPoint ? undefined : body.address_id,
          attributes: attributesOf(body), contact, open311KeyId: keyId,
        },
        [], undefined, 'body',
      );
      if (keyId) await repo.touchKey(db, keyId, clock.now());
      const s = await settings.get();
      const code = formatTrackingCode(r.code);
      const notice = lang === 'en'
        ? `Received. The resident can follow it with tracking code ${code} on the reporting portal.`
        : `已受理。居民可凭查询码 ${code} 在举报平台查询处理进度。`;
      if (s.postResponse === 'token' && r.token) return [{ token: r.token, service_notice: notice, account_id: null }];
      return [{ service_request_id: r.ref, service_notice: notice, account_id: null }];
    },

    // ---- administration ----
    async listKeys(actor: Actor) {
      require(actor, 'open311.manage');
      return repo.listKeys(db);
    },
    async createKey(actor: Actor, name: string) {
      require(actor, 'open311.manage');
      const key = `sg311_${randomBytes(24).toString('hex')}`;
      const prefix = key.slice(0, 12);
      const id = await db.tx(async (tx) => {
        const newId = await repo.insertKey(tx, { name: name.trim(), prefix, hash: keyHash(key), by: actor.userId, at: clock.now() });
        await audit.write(tx, actor, { action: 'open311.key.create', objectType: 'open311_key', objectId: newId, summary: { name: name.trim(), prefix } });
        return newId;
      });
      const row = await repo.keyById(db, id);
      if (!row) throw new Error('key vanished');
      return { row, key };
    },
    async revokeKey(actor: Actor, id: string) {
      require(actor, 'open311.manage');
      const k = await repo.keyById(db, id);
      if (!k) throw notFound('API key');
      if (k.revoked_at) return k;
      await db.tx(async (tx) => {
        await repo.revokeKey(tx, id, actor.userId, clock.now());
        await audit.write(tx, actor, { action: 'open311.key.revoke', objectType: 'open311_key', objectId: id, summary: { name: k.name, prefix: k.key_prefix } });
      });
      return (await repo.keyById(db, id)) ?? k;
    },
    async getSettings(actor: Actor) {
      require(actor, 'open311.manage');
      return settings.get();
    },
    async setSettings(actor: Actor, body: Open311Settings) {
      require(actor, 'open311.manage');
      const before = await settings.get();
      await db.tx(async (tx) => {
        await settings.set(tx, body, actor.userId);
        await audit.write(tx, actor, { action: 'open311.settings', objectType: 'settings', objectId: 'open311', summary: { before, after: body } });
      });
      return settings.get();
    },
  };
}
export type Open311Service = ReturnType<typeof createOpen311Service>;
