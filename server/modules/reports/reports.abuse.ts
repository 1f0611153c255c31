// Abuse resistance of the public portal: a proof-of-work challenge once an address or device
// has submitted a few times within the hour. A challenge is signed (not stored), valid for a
// while, and accepted once: the solved challenge is recorded in the submitting transaction.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../core/errors.js';
import type { PowSolution } from '../../../common/modules/reports/reports.contract.js';
import { reportsRepository as repo } from './reports.repository.js';

const VERSION = 'c1';

export interface IssuedChallenge {
  challenge: string;
  difficulty: number;
  expiresAt: Date;
}

/** Number of leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

export function powDigest(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest();
}

/** Finds a nonce (tests and the CLI; the portal does the same in the browser). */
export function solveChallenge(challenge: string, difficulty: number): string {
  for (let i = 0; ; i++) {
    const nonce = i.toString(36);
    if (leadingZeroBits(powDigest(challenge, nonce)) >= difficulty) return nonce;
  }
}

function challengeRequired(reason: string, message: string): AppError {
  return new AppError('CHALLENGE_REQUIRED', message, { reason, challengeUrl: '/api/public/challenge' });
}

export function createChallenges(signingKey: Buffer) {
  const key = createHmac('sha256', signingKey).update('safegrid public challenge v1').digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('hex').slice(0, 32);

  return {
    issue(now: Date, difficulty: number, ttlSeconds: number): IssuedChallenge {
      const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
      const payload = `${VERSION}.${expiresAt.getTime().toString(36)}.${difficulty}.${randomBytes(12).toString('hex')}`;
      return { challenge: `${payload}.${sign(payload)}`, difficulty, expiresAt };
    },

    /**
     * Checks a solution and records the challenge as used (in the caller's transaction, so a
     * submission that fails later does not spend it). Throws CHALLENGE_REQUIRED with a reason.
     */
    async redeem(tx: Executor, sol: PowSolution, now: Date, minDifficulty: number): Promise<void> {
      const parts = sol.challenge.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION) throw challengeRequired('invalid', 'The challenge is not one of ours');
      const payload = parts.slice(0, 4).join('.');
      const mac = Buffer.from(parts[4] ?? '', 'utf8');
      const expect = Buffer.from(sign(payload), 'utf8');
      if (mac.length !== expect.length || !timingSafeEqual(mac, expect)) throw challengeRequired('invalid', 'The challenge is not one of ours');
      const expiresAt = new Date(parseInt(parts[1] ?? '', 36));
      const difficulty = Number(parts[2]);
      if (!(expiresAt.getTime() > now.getTime())) throw challengeRequired('expired', 'The challenge has expired; ask for a new one');
      if (!Number.isInteger(difficulty) || difficulty < minDifficulty) throw challengeRequired('too_easy', 'The challenge is too easy; ask for a new one');
      if (leadingZeroBits(powDigest(sol.challenge, sol.nonce)) < difficulty) throw challengeRequired('wrong', 'The challenge answer is wrong');
      if (!(await repo.useChallenge(tx, sol.challenge, now, expiresAt))) throw challengeRequired('reused', 'This challenge was used already; ask for a new one');
    },
  };
}
export type Challenges = ReturnType<typeof createChallenges>;
