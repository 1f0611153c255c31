// Coded errors and the one handler that turns any error into `{ error: { code, message, details } }`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, type ErrorBody, type ErrorCode, type FieldProblem } from '../../common/errors.js';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorBody['error']['details'];
  constructor(code: ErrorCode, message?: string, details?: ErrorBody['error']['details']) {
    super(message ?? ERRORS[code].en);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** A validation failure on one or more named fields. */
export function fieldError(field: string, message: string, code?: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, { fields: [{ field, message, ...(code ? { code } : {}) }] });
}

export function fieldErrors(fields: FieldProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
}

export const notFound = (what = 'record'): AppError => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message?: string): AppError => new AppError('FORBIDDEN', message);

/** The SQLSTATE of a database error (PGlite, pg, or wrapped by drizzle), if any. */
export function sqlState(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** An error of the multipart parser: the body was cut short, had no boundary, or a broken part header. */
export function malformedMultipart(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return /@fastify[\\/]busboy[\\/]/.test(err.stack ?? '') || /^(Unexpected end of (multipart data|form|file)|Multipart: Boundary not found|Malformed part header)/.test(err.message);
}

function preferZh(req: FastifyRequest): boolean {
  const lang = req.headers['accept-language'];
  return typeof lang !== 'string' || lang.toLowerCase().startsWith('zh') || lang === '';
}

function validationFields(err: FastifyError): FieldProblem[] {
  const ctx = err.validationContext ?? 'body';
  return (err.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    const at = (v.instancePath || '').replace(/^\//, '');
    const field = [ctx, at, missing].filter((p) => p !== undefined && p !== '').join('/');
    return { field, message: v.message ?? 'is invalid', code: v.keyword };
  });
}

export function sendError(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, message?: string, details?: ErrorBody['error']['details']): FastifyReply {
  const spec = ERRORS[code];
  const body: ErrorBody = {
    error: { code, message: message ?? (preferZh(req) ? spec.zh : spec.en), requestId: String(req.id), ...(details ? { details } : {}) },
  };
  return reply.code(spec.status).type('application/json; charset=utf-8').send(body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      const spec = ERRORS[err.code];
      const msg = err.code === 'VALIDATION_FAILED' || err.message !== spec.en ? err.message : preferZh(req) ? spec.zh : spec.en;
      return sendError(reply, req, err.code, msg, err.details);
    }
    const fe = err;
    if (fe.validation) {
      const fields = validationFields(fe);
      return sendError(reply, req, 'VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
    }
    const status = fe.statusCode ?? 500;
    if (status === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
      return sendError(reply, req, 'PAYLOAD_TOO_LARGE');
    }
    if (status === 415 || fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, req, 'UNSUPPORTED_MEDIA_TYPE');
    if (status === 429) return sendError(reply, req, 'RATE_LIMITED');
    if (status >= 400 && status < 500) return sendError(reply, req, 'BAD_REQUEST', fe.message);
    if (malformedMultipart(err)) {
      return sendError(reply, req, 'BAD_REQUEST', 'body: malformed multipart/form-data body', { fields: [{ field: 'body', message: 'malformed multipart/form-data body' }] });
    }
    // A value the database refused as data (SQLSTATE class 22: out of range, invalid text
    // representation, bad date …) is the request's fault, not the server's.
    const state = sqlState(err);
    if (state?.startsWith('22')) {
      req.log.warn({ err, sqlState: state }, 'data exception from the database');
      return sendError(reply, req, 'BAD_REQUEST', undefined, { sqlState: state });
    }
    req.log.error({ err }, 'unexpected error');
    return sendError(reply, req, 'INTERNAL');
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, req, 'NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`));
}
