// The environment, parsed once into a typed object. Nothing else reads process.env.
import path from 'node:path';

export interface SecurityDefaults {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  lockAfterFailures: number;
  lockMinutes: number;
  passwordMinLength: number;
  passwordMinClasses: number;
}

export interface Config {
  host: string;
  port: number;
  /** Embedded database and secrets live here unless DATABASE_URL is set. */
  dataDir: string;
  databaseUrl: string | null;
  /** The deployment's time zone, used on purpose for day/month bucketing; storage is UTC. */
  timeZone: string;
  /** 'auto' loads the demo city on a first start on an empty database. */
  demo: 'auto' | 'on' | 'off';
  logLevel: string;
  /** Where the request log (JSON lines) goes: a file, by default <dataDir>/logs/server.log; null = standard output (SAFEGRID_LOG_FILE=-). */
  logFile: string | null;
  /** Print the demo accounts after the ready line (set by `npm start` when it has just made them). */
  showCredentials: boolean;
  secureCookies: boolean;
  trustProxy: boolean;
  security: SecurityDefaults;
  rateLimit: { perMinute: number; loginPerMinute: number };
  bodyLimitBytes: number;
  webDist: string;
  /** Secret material: from SAFEGRID_SECRETS_FILE, or <dataDir>/secrets.json generated on first start. */
  secretsFile: string;
  /** Outbox transports: e-mail over SMTP and SMS through a webhook; unset = the log transport. */
  notify: { smtpUrl: string | null; smtpFrom: string; smsWebhookUrl: string | null; smsWebhookToken: string | null };
}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`Configuration ${name}=${raw} must be an integer between ${min} and ${max}`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.SAFEGRID_DATA_DIR ?? env.DATA_DIR ?? './data');
  const demoRaw = env.SAFEGRID_DEMO ?? 'auto';
  if (demoRaw !== 'auto' && demoRaw !== 'on' && demoRaw !== 'off') {
    throw new Error(`Configuration SAFEGRID_DEMO=${demoRaw} must be auto, on or off`);
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port: int(env, 'PORT', 8080, 0, 65535),
    dataDir,
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    timeZone: env.SAFEGRID_TIMEZONE ?? 'Asia/Shanghai',
    demo: demoRaw,
    logLevel: env.LOG_LEVEL ?? 'info',
    showCredentials: env.SAFEGRID_SHOW_CREDENTIALS === '1',
    logFile: env.SAFEGRID_LOG_FILE === '-' ? null : path.resolve(cwd, env.SAFEGRID_LOG_FILE || path.join(dataDir, 'logs', 'server.log')),
    secureCookies: env.SAFEGRID_SECURE_COOKIES === '1',
    trustProxy: env.SAFEGRID_TRUST_PROXY === '1',
    security: {
      sessionIdleMinutes: int(env, 'SAFEGRID_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      sessionAbsoluteHours: int(env, 'SAFEGRID_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
      lockAfterFailures: int(env, 'SAFEGRID_LOCK_AFTER_FAILURES', 5, 1, 100),
      lockMinutes: int(env, 'SAFEGRID_LOCK_MINUTES', 30, 1, 24 * 60),
      passwordMinLength: int(env, 'SAFEGRID_PASSWORD_MIN_LENGTH', 8, 6, 128),
      passwordMinClasses: int(env, 'SAFEGRID_PASSWORD_MIN_CLASSES', 3, 1, 4),
    },
    rateLimit: {
      perMinute: int(env, 'SAFEGRID_RATE_PER_MINUTE', 1200, 1, 1_000_000),
      loginPerMinute: int(env, 'SAFEGRID_LOGIN_RATE_PER_MINUTE', 20, 1, 10_000),
    },
    bodyLimitBytes: int(env, 'SAFEGRID_BODY_LIMIT', 1_048_576, 1024, 100 * 1_048_576),
    webDist: path.resolve(cwd, env.SAFEGRID_WEB_DIST ?? 'dist/web'),
    secretsFile: path.resolve(cwd, env.SAFEGRID_SECRETS_FILE ?? path.join(dataDir, 'secrets.json')),
    notify: {
      smtpUrl: env.SAFEGRID_SMTP_URL || null,
      smtpFrom: env.SAFEGRID_SMTP_FROM ?? 'SafeGrid <safegrid@localhost>',
      smsWebhookUrl: env.SAFEGRID_SMS_WEBHOOK_URL || null,
      smsWebhookToken: env.SAFEGRID_SMS_WEBHOOK_TOKEN || null,
    },
  };
}
