// The typed fetch client. Request and response types come from the TypeBox contracts in
// common/modules/*/…contract.ts (`Static<typeof X>`), never re-declared here. Every failing
// request becomes an ApiError carrying the catalog code from common/errors.ts, the field
// problems the server named, and a message in the user's language.
import { ERRORS, isErrorCode, type ErrorCode, type FieldProblem } from '../../common/errors.js';

export type UiLocale = 'zh-CN' | 'en';
/** Catalog codes plus the one the client adds when the server cannot be reached at all. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR';

export interface ErrorDetails {
  fields?: FieldProblem[];
  lockedUntil?: string;
  problems?: Array<{ code: string; zh: string; en: string }>;
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly details: ErrorDetails;
  readonly requestId: string | undefined;
  /** The server's own message (in the language it was asked for), kept for diagnostics. */
  readonly serverMessage: string;

  constructor(status: number, code: ClientErrorCode, serverMessage: string, details: ErrorDetails = {}, requestId?: string) {
    super(messageForCode(code, 'en'));
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
    this.serverMessage = serverMessage;
  }

  /** Field problems keyed as the server named them (`body/username`, `query/unit`). */
  get fields(): FieldProblem[] {
    return Array.isArray(this.details.fields) ? this.details.fields : [];
  }

  /** The message to show for this error, in the given language. */
  localized(locale: UiLocale): string {
    return describeError(this, locale);
  }
}

const NETWORK_MESSAGES = {
  zh: '无法连接服务器，请检查网络后重试',
  en: 'Cannot reach the server; check the connection and try again',
};

export function messageForCode(code: ClientErrorCode, locale: UiLocale): string {
  const lang = locale === 'en' ? 'en' : 'zh';
  if (code === 'NETWORK_ERROR') return NETWORK_MESSAGES[lang];
  return ERRORS[code][lang];
}

function formatLocalTime(iso: string, locale: UiLocale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d);
}

/** The catalog message, plus what the details add (e.g. when a locked account unlocks). */
export function describeError(err: unknown, locale: UiLocale): string {
  if (!(err instanceof ApiError)) {
    return messageForCode('INTERNAL', locale);
  }
  const base = messageForCode(err.code, locale);
  if (err.code === 'ACCOUNT_LOCKED' && typeof err.details.lockedUntil === 'string') {
    const at = formatLocalTime(err.details.lockedUntil, locale);
    return locale === 'en' ? `${base}. Try again after ${at}.` : `${base}，请于 ${at} 后再试。`;
  }
  if (err.code === 'WEAK_PASSWORD' && Array.isArray(err.details.problems) && err.details.problems.length > 0) {
    const sep = locale === 'en' ? '; ' : '；';
    const colon = locale === 'en' ? ': ' : '：';
    return `${base}${colon}${err.details.problems.map((p) => (locale === 'en' ? p.en : p.zh)).join(sep)}`;
  }
  return base;
}

// Messages for the problems the server reports on single fields. The server writes them in
// English; the ones it uses are translated here, validation keywords by their code.
const FIELD_MESSAGES: Record<string, { zh: string; en: string }> = {
  'unknown unit': { zh: '单位代码不存在', en: 'Unknown unit code' },
  'unknown user': { zh: '用户不存在', en: 'Unknown user' },
  'unknown role': { zh: '角色不存在', en: 'Unknown role' },
  'already taken': { zh: '该用户名已被使用', en: 'This username is already taken' },
  'you cannot disable yourself': { zh: '不能停用自己的账号', en: 'You cannot disable yourself' },
  'The current password is wrong': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'an industry department grant needs an industry code': { zh: '行业主管部门授权须填写行业代码', en: 'An industry department grant needs an industry code' },
  'an enterprise user grant needs an enterprise': { zh: '企业用户授权须指定企业', en: 'An enterprise user grant needs an enterprise' },
  'only industry department grants carry an industry': { zh: '只有行业主管部门授权可以填写行业代码', en: 'Only industry department grants carry an industry' },
  'only enterprise grants carry an enterprise': { zh: '只有企业用户授权可以指定企业', en: 'Only enterprise grants carry an enterprise' },
  'invalid cursor': { zh: '分页参数无效，请刷新', en: 'Invalid page cursor; reload the list' },
};

const KEYWORD_MESSAGES: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填', en: 'Required' },
  minLength: { zh: '内容太短', en: 'Too short' },
  maxLength: { zh: '内容太长', en: 'Too long' },
  pattern: { zh: '格式不正确', en: 'Invalid format' },
  format: { zh: '格式不正确', en: 'Invalid format' },
  minimum: { zh: '数值太小', en: 'Too small' },
  maximum: { zh: '数值太大', en: 'Too large' },
  type: { zh: '类型不正确', en: 'Wrong type' },
  additionalProperties: { zh: '包含不允许的字段', en: 'Contains a field that is not allowed' },
  WRONG_PASSWORD: { zh: '当前密码不正确', en: 'The current password is wrong' },
};

/** One field problem in the user's language. */
export function describeFieldProblem(p: FieldProblem, locale: UiLocale, err?: ApiError): string {
  const lang = locale === 'en' ? 'en' : 'zh';
  const problem = err?.details.problems?.find((x) => x.code === p.code && x.en === p.message);
  if (problem) return problem[lang];
  const known = FIELD_MESSAGES[p.message];
  if (known) return known[lang];
  const keyword = p.code ? KEYWORD_MESSAGES[p.code] : undefined;
  return keyword ? keyword[lang] : p.message;
}

/** `body/unitCode` → `unitCode`; `body/name/zh` → ['name', 'zh']. */
export function fieldPath(field: string): string[] {
  return field.split('/').filter((s) => s !== '').slice(1);
}

// ---------------------------------------------------------------------------------------------
// Transport

let csrfToken: string | null = null;
let currentLocale: UiLocale = 'zh-CN';
let onUnauthorized: ((err: ApiError) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function setClientLocale(locale: UiLocale): void {
  currentLocale = locale;
}
/** Called when a request answers 401 (not for the login request itself). */
export function setUnauthorizedHandler(fn: ((err: ApiError) => void) | null): void {
  onUnauthorized = fn;
}

export type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: object;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat a 401 as "go to the login page" (login itself, the first /api/me). */
  allowUnauthenticated?: boolean;
}

export function buildUrl(path: string, query?: object): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'UNAVAILABLE';
  if (status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'INTERNAL';
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } } | null)?.error;
  if (e && isErrorCode(e.code)) {
    const details = e.details && typeof e.details === 'object' ? (e.details as ErrorDetails) : {};
    return new ApiError(res.status, e.code, typeof e.message === 'string' ? e.message : '', details,
      typeof e.requestId === 'string' ? e.requestId : undefined);
  }
  return new ApiError(res.status, fallbackCode(res.status), res.statusText);
}

export async function request<TRes>(method: string, path: string, opts: RequestOptions = {}): Promise<TRes> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLocale === 'en' ? 'en' : 'zh-CN' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (opts.signal) init.signal = opts.signal;
  if (opts.body instanceof FormData) {
    // Uploads: the browser sets the multipart content type with its boundary.
    init.body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', String(cause));
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (res.status === 401 && !opts.allowUnauthenticated && onUnauthorized) onUnauthorized(err);
    throw err;
  }
  if (res.status === 204) return undefined as TRes;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as TRes;
}

/** Thin verbs; module api files give each endpoint its contract types. */
export const http = {
  get: <TRes>(path: string, query?: object, opts: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<TRes>('GET', path, { ...opts, ...(query ? { query } : {}) }),
  post: <TRes>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<TRes>('POST', path, { ...opts, body }),
  put: <TRes>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<TRes>('PUT', path, { ...opts, body }),
  patch: <TRes>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<TRes>('PATCH', path, { ...opts, body }),
  del: <TRes>(path: string, opts: Omit<RequestOptions, 'body'> = {}) => request<TRes>('DELETE', path, opts),
};

/** A path segment made safe for a URL. */
export const seg = (v: string | number): string => encodeURIComponent(String(v));
