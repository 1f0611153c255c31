// The proof-of-work the server asks for after several submissions from one place: find a nonce
// so that SHA-256("challenge:nonce") starts with `difficulty` zero bits. Uses crypto.subtle in
// batches; where it is missing (plain http on a LAN address) @noble/hashes' SHA-256.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';

function zeroBits(d: Uint8Array): number {
  let bits = 0;
  for (const b of d) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

/** SHA-256 of bytes (the fallback when crypto.subtle is not available), from the audited @noble/hashes. */
export function sha256(msg: Uint8Array): Uint8Array {
  return nobleSha256(msg);
}

/** Finds the nonce; `onProgress` gets the number of tries so far. */
export async function solvePow(challenge: string, difficulty: number, onProgress?: (tries: number) => void, signal?: AbortSignal): Promise<string> {
  const enc = new TextEncoder();
  const subtle = globalThis.crypto?.subtle;
  const BATCH = 256;
  for (let start = 0; ; start += BATCH) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const nonces = Array.from({ length: BATCH }, (_v, i) => (start + i).toString(36));
    const digests = subtle
      ? (await Promise.all(nonces.map((n) => subtle.digest('SHA-256', enc.encode(`${challenge}:${n}`))))).map((b) => new Uint8Array(b))
      : nonces.map((n) => sha256(enc.encode(`${challenge}:${n}`)));
    const hit = digests.findIndex((d) => zeroBits(d) >= difficulty);
    if (hit >= 0) return nonces[hit]!;
    onProgress?.(start + BATCH);
    if (!subtle) await new Promise((r) => setTimeout(r, 0));
  }
}
