// Key material kept outside the database: the audit chain key, the SM4 data key and the key of
// the keyed hash used for exact lookups of encrypted values. Embedded deployments generate the
// file on first start (mode 0600); server deployments point SAFEGRID_SECRETS_FILE at theirs.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Secrets {
  auditKey: Buffer;
  /** 16 bytes, SM4-128. */
  dataKey: Buffer;
  lookupKey: Buffer;
}

interface SecretsFile {
  auditKey: string;
  dataKey: string;
  lookupKey: string;
}

export function generateSecrets(): Secrets {
  return { auditKey: randomBytes(32), dataKey: randomBytes(16), lookupKey: randomBytes(32) };
}

export function loadOrCreateSecrets(file: string): Secrets {
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<SecretsFile>;
    if (!raw.auditKey || !raw.dataKey || !raw.lookupKey) throw new Error(`Secrets file ${file} is incomplete`);
    const s = { auditKey: Buffer.from(raw.auditKey, 'hex'), dataKey: Buffer.from(raw.dataKey, 'hex'), lookupKey: Buffer.from(raw.lookupKey, 'hex') };
    if (s.dataKey.length !== 16) throw new Error(`Secrets file ${file}: dataKey must be 16 bytes (32 hex digits)`);
    return s;
  }
  const s = generateSecrets();
  mkdirSync(path.dirname(file), { recursive: true });
  const body: SecretsFile = { auditKey: s.auditKey.toString('hex'), dataKey: s.dataKey.toString('hex'), lookupKey: s.lookupKey.toString('hex') };
  writeFileSync(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  return s;
}
