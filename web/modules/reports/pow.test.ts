import { describe, expect, it } from 'vitest';
import { sha256, solvePow } from './pow.js';

const hex = (b: ArrayBuffer | Uint8Array) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
const subtleHex = async (bytes: Uint8Array<ArrayBuffer>) => hex(await globalThis.crypto.subtle.digest('SHA-256', bytes));

describe('the proof-of-work of the portal', () => {
  it('hashes like SHA-256 where crypto.subtle is missing', async () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const s of ['', 'c1.x.16.abcdef:42', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(200), '北关社区']) {
      const bytes = new TextEncoder().encode(s);
      expect(hex(sha256(bytes))).toBe(await subtleHex(bytes));
    }
  });

  it('finds a nonce whose digest starts with the asked zero bits', async () => {
    const challenge = 'c1.test.10.0123456789abcdef.sig';
    const nonce = await solvePow(challenge, 10);
    const d = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${challenge}:${nonce}`)));
    expect(d[0]).toBe(0);
    expect(d[1]! >> 6).toBe(0);
  });
});
