// Personal data at rest: SM4-CBC with a random IV, authenticated by HMAC-SM3 over IV and
// ciphertext (encrypt-then-MAC), and a keyed SM3 hash for exact lookups. Keys come from Secrets.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Secrets } from './secrets.js';

const VERSION = 1;

export interface FieldCipher {
  encrypt(plain: string): Buffer;
  decrypt(box: Buffer): string;
  /** Keyed hash of a normalized value, for `WHERE x_hash = $1` lookups. */
  lookupHash(value: string): string;
}

export function fieldCipher(secrets: Secrets): FieldCipher {
  const encKey = createHmac('sm3', secrets.dataKey).update('enc').digest().subarray(0, 16);
  const macKey = createHmac('sm3', secrets.dataKey).update('mac').digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(16);
      const c = createCipheriv('sm4-cbc', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      const head = Buffer.from([VERSION]);
      const mac = createHmac('sm3', macKey).update(head).update(iv).update(body).digest();
      return Buffer.concat([head, iv, body, mac]);
    },
    decrypt(box) {
      if (box.length < 1 + 16 + 16 + 32 || box[0] !== VERSION) throw new Error('unreadable encrypted value');
      const iv = box.subarray(1, 17);
      const body = box.subarray(17, box.length - 32);
      const mac = box.subarray(box.length - 32);
      const expect = createHmac('sm3', macKey).update(box.subarray(0, 1)).update(iv).update(body).digest();
      if (!timingSafeEqual(mac, expect)) throw new Error('encrypted value failed its integrity check');
      const d = createDecipheriv('sm4-cbc', encKey, iv);
      return Buffer.concat([d.update(body), d.final()]).toString('utf8');
    },
    lookupHash(value) {
      return createHmac('sm3', secrets.lookupKey).update(value.trim().toUpperCase()).digest('hex');
    },
  };
}
