import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { GENEROUS, resident, seedReportsWorld, solvedChallenge, submit } from '../../test/fixtures/reports.fixtures.js';

let t: TestApp;
let sys: Client;
let gw1: Client;

beforeAll(async () => {
  t = await createTestApp();
  await seedReportsWorld(t);
  sys = await t.login('sys');
  gw1 = await t.login('gw1');
  expect((await sys.put('/api/reports/settings', GENEROUS)).statusCode).toBe(200);
});
afterAll(async () => t.close());

type Err = { error: { code: string; details?: { reason?: string; fields?: Array<{ field: string; code?: string }> } } };
const count = async () => (await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM public_reports`))?.n ?? 0;

describe('garbage text', () => {
  it.each([
    ['', 'empty'],
    ['着火了', 'too_short'],
    ['help!!', 'too_short'],
    ['啊啊啊啊啊啊啊啊啊啊啊啊', 'repeated'],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaa', 'repeated'],
    ['哈哈哈哈哈哈哈哈哈哈嘿', 'repeated'],
    ['1234567890 1234567890 !!!', 'no_letters'],
    ['看这里 https://spam.example.com/a/very/long/path/to/click?x=1 https://spam.example.com/2', 'links'],
  ])('refuses %j with a clear 4xx (%s) and stores nothing', async (description, code) => {
    const before = await count();
    const res = await submit(resident(t, '10.20.0.1'), { description });
    expect(res.statusCode).toBe(400);
    const field = res.json<Err>().error.details?.fields?.[0];
    expect(field).toMatchObject({ field: 'body/description', code });
    expect(await count()).toBe(before);
  });

  it('accepts an ordinary short description in Chinese and in English', async () => {
    expect((await submit(resident(t, '10.20.0.2'), { description: '仓库门口堆满杂物' })).statusCode).toBe(201);
    expect((await submit(resident(t, '10.20.0.3'), { description: 'Fire exit blocked by boxes' })).statusCode).toBe(201);
  });

  it('refuses a body over its size limit with 413', async () => {
    const res = await submit(resident(t, '10.20.0.4'), { description: '楼道堵塞'.repeat(20), address: 'x'.repeat(40_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json<Err>().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('a burst from one address', () => {
  it('is slowed by a challenge, then refused, while other residents and the staff pages are not affected', async () => {
    expect((await sys.put('/api/reports/settings', { ...GENEROUS, freeSubmissionsPerHour: 2, submitPer10MinPerAddress: 6, challengeBits: 12 })).statusCode).toBe(200);
    const burst = resident(t, '10.30.0.1');
    expect((await submit(burst)).statusCode).toBe(201);
    expect((await submit(burst)).statusCode).toBe(201);

    // Third: a challenge first.
    const asked = await submit(burst);
    expect(asked.statusCode).toBe(428);
    expect(asked.json<Err>().error).toMatchObject({ code: 'CHALLENGE_REQUIRED', details: { reason: 'required' } });
    const wrong = await submit(burst, { pow: { challenge: (await burst.get('/api/public/challenge')).json<{ challenge: string }>().challenge, nonce: 'not-it' } });
    expect(wrong.statusCode).toBe(428);
    expect(wrong.json<Err>().error.details?.reason).toBe('wrong');
    const pow = await solvedChallenge(burst);
    expect((await submit(burst, { pow })).statusCode).toBe(201);
    // A solved challenge works once.
    const again = await submit(burst, { pow });
    expect(again.statusCode).toBe(428);
    expect(again.json<Err>().error.details?.reason).toBe('reused');
    // Sixth request in ten minutes was the last one allowed; the seventh is refused outright.
    const refused = await submit(burst, { pow: await solvedChallenge(burst) });
    expect(refused.statusCode).toBe(429);
    expect(refused.json<Err>().error.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBeDefined();

    // A staff page from the very same address is neither challenged nor refused.
    const staffSameIp = await t.login('gw1');
    staffSameIp.ip = '10.30.0.1';
    const list = await staffSameIp.get('/api/reports/triage');
    expect(list.statusCode).toBe(200);
    expect((await gw1.get('/api/reports')).statusCode).toBe(200);
    // Another resident is not slowed.
    expect((await submit(resident(t, '10.30.0.2'))).statusCode).toBe(201);
  });

  it('limits one device token across addresses and expires challenges', async () => {
    expect((await sys.put('/api/reports/settings', { ...GENEROUS, freeSubmissionsPerHour: 1, submitPerHourPerDevice: 3, challengeBits: 8, challengeTtlSeconds: 60 })).statusCode).toBe(200);
    const device = { 'x-device-token': 'device-token-0123456789abcdef' };
    const a = resident(t, '10.40.0.1');
    expect((await submit(a, {}, device)).statusCode).toBe(201);
    // The same device from another address: the challenge follows the device.
    const b = resident(t, '10.40.0.2');
    const stale = await solvedChallenge(b);
    t.clock.advance(61_000);
    const expired = await submit(b, { pow: stale }, device);
    expect(expired.statusCode).toBe(428);
    expect(expired.json<Err>().error.details?.reason).toBe('expired');
    expect((await submit(b, { pow: await solvedChallenge(b) }, device)).statusCode).toBe(201);
    const c = resident(t, '10.40.0.3');
    const fourth = await submit(c, { pow: await solvedChallenge(c) }, device);
    expect(fourth.statusCode).toBe(429);
    // Without the device token that address is fine (one free submission).
    expect((await submit(c)).statusCode).toBe(201);
  });

  it('rate-limits status look-ups per address (guessing tracking codes)', async () => {
    expect((await sys.put('/api/reports/settings', { ...GENEROUS, readsPerMinute: 5 })).statusCode).toBe(200);
    const guesser = resident(t, '10.50.0.1');
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await guesser.get(`/api/public/reports/ABCDE-FGH${'JK'[i % 2]}${i}`)).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 404)).toBe(true);
    expect(codes[6]).toBe(429);
    expect((await resident(t, '10.50.0.2').get('/api/public/reports/ABCDEFGHJK')).statusCode).toBe(404);
  });
});
