// The public portal's API client: no session and no CSRF token, a device token in the header
// (so that limits follow the device), errors as ApiError with the catalog codes.
import type { Static } from 'typebox';
import type {
  ChallengeResponse, GeocodeResponse, MapResponse, NearbyResponse, PortalInfo, PowSolution, PublicStatus, SubmitBody, SubmitResponse,
  SupportBody, SupportResponse,
} from '../../../common/modules/reports/reports.contract.js';
import { isErrorCode } from '../../../common/errors.js';
import { ApiError, buildUrl, type UiLocale } from '../../api/client.js';
import { solvePow } from './pow.js';

export type PortalInfoView = Static<typeof PortalInfo>;
export type NearbyView = Static<typeof NearbyResponse>;
export type NearbyItemView = NearbyView['items'][number];
export type PublicStatusView = Static<typeof PublicStatus>;
export type SubmitInput = Static<typeof SubmitBody>;
export type Submitted = Static<typeof SubmitResponse>;
export type Supported = Static<typeof SupportResponse>;
export type MapView = Static<typeof MapResponse>;

const DEVICE_KEY = 'sg.report.device';

/** A random token kept in this browser, so the limits count this device (never a person). */
export function deviceToken(): string {
  try {
    const have = localStorage.getItem(DEVICE_KEY);
    if (have && /^[A-Za-z0-9_-]{16,64}$/.test(have)) return have;
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    const token = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    localStorage.setItem(DEVICE_KEY, token);
    return token;
  } catch {
    return '';
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, locale: UiLocale, opts: { query?: object; json?: unknown; form?: FormData } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale === 'en' ? 'en' : 'zh-CN' };
  const dev = deviceToken();
  if (dev) headers['x-device-token'] = dev;
  const init: RequestInit = { method, headers, credentials: 'omit' };
  if (opts.form) init.body = opts.form;
  else if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(opts.json);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), init);
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', String(cause));
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    const code = e && isErrorCode(e.code) ? e.code : res.status === 429 ? 'RATE_LIMITED' : res.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    throw new ApiError(res.status, code, typeof e?.message === 'string' ? e.message : res.statusText, (e?.details ?? {}) as Record<string, unknown>);
  }
  return body as T;
}

export interface SubmitProgress {
  (phase: 'sending' | 'checking', tries?: number): void;
}

/**
 * Sends, and when the server asks for the check (428) solves a challenge and sends again.
 * `send` gets the solution to include (undefined the first time).
 */
async function withChallenge<T>(locale: UiLocale, send: (pow: PowSolution | undefined) => Promise<T>, progress?: SubmitProgress): Promise<T> {
  progress?.('sending');
  try {
    return await send(undefined);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'CHALLENGE_REQUIRED') throw err;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const c = await call<Static<typeof ChallengeResponse>>('GET', '/api/public/challenge', locale);
    progress?.('checking', 0);
    const nonce = await solvePow(c.challenge, c.difficulty, (n) => progress?.('checking', n));
    progress?.('sending');
    try {
      return await send({ challenge: c.challenge, nonce });
    } catch (err) {
      // An expired or already used challenge: take a fresh one.
      if (!(err instanceof ApiError) || err.code !== 'CHALLENGE_REQUIRED') throw err;
    }
  }
  throw new ApiError(428, 'CHALLENGE_REQUIRED', 'challenge failed');
}

export const publicApi = {
  info: (locale: UiLocale) => call<PortalInfoView>('GET', '/api/public/portal', locale),
  map: (locale: UiLocale, level: 'district' | 'street' | 'community' | 'grid' = 'grid') => call<MapView>('GET', '/api/public/map', locale, { query: { level } }),
  geocode: (locale: UiLocale, q: string) => call<Static<typeof GeocodeResponse>>('GET', '/api/public/geocode', locale, { query: { q } }),
  nearby: (locale: UiLocale, q: { category: string; lng: number; lat: number }) => call<NearbyView>('GET', '/api/public/reports/nearby', locale, { query: q }),
  status: (locale: UiLocale, code: string) => call<PublicStatusView>('GET', `/api/public/reports/${encodeURIComponent(code)}`, locale),

  submit(locale: UiLocale, body: Omit<SubmitInput, 'pow'>, photos: File[], progress?: SubmitProgress): Promise<Submitted> {
    return withChallenge(locale, (pow) => {
      const full = { ...body, ...(pow ? { pow } : {}) };
      if (photos.length === 0) return call<Submitted>('POST', '/api/public/reports', locale, { json: full });
      const form = new FormData();
      form.append('data', JSON.stringify(full));
      for (const p of photos) form.append('photos', p, p.name);
      return call<Submitted>('POST', '/api/public/reports', locale, { form });
    }, progress);
  },

  support(locale: UiLocale, ref: string, body: Omit<Static<typeof SupportBody>, 'pow'>, progress?: SubmitProgress): Promise<Supported> {
    return withChallenge(locale, (pow) => call<Supported>('POST', `/api/public/reports/${ref}/support`, locale, { json: { ...body, ...(pow ? { pow } : {}) } }), progress);
  },
};
