import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with its default cost parameters. */
export function hashPassword(pw: string): Promise<string> {
  return hash(pw);
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spend the same time on unknown users as on known ones. */
export async function verifyAgainstDummy(pw: string): Promise<void> {
  dummy ??= hash('dummy-password-for-timing');
  await verifyPassword(await dummy, pw);
}
