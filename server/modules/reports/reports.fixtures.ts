// Test material for public reports: the geo tree with square grids, staff users, submissions
// as JSON and as multipart with photos, and a solved challenge.
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { Client, type TestApp } from '../../test/app.js';
import { assignGridWorker, seedGeoTree } from '../hazards/hazards.fixtures.js';
import type { SubmitBody } from '../../../common/modules/reports/reports.contract.js';

export { IN_GRID1, IN_GRID2, OUTSIDE } from '../hazards/hazards.fixtures.js';

export const DESCRIPTION = '楼道里堆满了纸箱和电动车，堵住了安全出口，晚上还有人在楼道里充电。';

/** Units with square grids and the staff of the tests. */
export async function seedReportsWorld(t: TestApp): Promise<Record<string, string>> {
  await seedGeoTree(t.db);
  const ids: Record<string, string> = {};
  ids.gw1 = await t.user('gw1', 'grid_worker', '630102001001001');
  ids.gw2 = await t.user('gw2', 'grid_worker', '630102001001002');
  ids.comm = await t.user('comm', 'community_official', '630102001001');
  ids.dso = await t.user('dso', 'district_safety_office', '630102');
  ids.dso2 = await t.user('dso2', 'district_safety_office', '630102');
  ids.far = await t.user('far', 'district_safety_office', '630103');
  ids.sys = await t.user('sys', 'system_admin', 'root');
  await assignGridWorker(t.db, '630102001001001', ids.gw1);
  await assignGridWorker(t.db, '630102001001002', ids.gw2);
  return ids;
}

export function resident(t: TestApp, ip: string): Client {
  return new Client(t.app, ip);
}

export function reportBody(over: Partial<SubmitBody> & Record<string, unknown> = {}): Record<string, unknown> {
  return { category: 'evacuation', description: DESCRIPTION, locationSource: 'map', lng: 101.005, lat: 36.005, privacyAck: true, ...over };
}

export function submit(c: Client, over: Partial<SubmitBody> & Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return c.request('POST', '/api/public/reports', reportBody(over), headers);
}

/** A multipart submission: the report as the `data` field and the photos. */
export function submitWithPhotos(c: Client, body: Record<string, unknown>, photos: Array<{ data: Buffer; name?: string; mime?: string; field?: string }>, headers: Record<string, string> = {}) {
  const boundary = `----sgr${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(body)}\r\n`, 'utf8'),
  ];
  for (const p of photos) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? 'photos'}"; filename="${p.name ?? 'photo.jpg'}"\r\nContent-Type: ${p.mime ?? 'image/jpeg'}\r\n\r\n`, 'utf8'));
    parts.push(p.data, Buffer.from('\r\n', 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return c.request('POST', '/api/public/reports', Buffer.concat(parts), { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` });
}

function zeroBits(d: Buffer): number {
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

/** Fetches a challenge and solves it as the portal does (SHA-256 of "challenge:nonce"). */
export async function solvedChallenge(c: Client): Promise<{ challenge: string; nonce: string }> {
  const res = await c.get('/api/public/challenge');
  if (res.statusCode !== 200) throw new Error(`challenge: ${res.statusCode} ${res.body}`);
  const { challenge, difficulty } = res.json<{ challenge: string; difficulty: number }>();
  for (let i = 0; ; i++) {
    const nonce = i.toString(36);
    if (zeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) >= difficulty) return { challenge, nonce };
  }
}

/** Settings that let the functional tests submit freely; the abuse test lowers them. */
export const GENEROUS = {
  duplicateRadiusM: 200, duplicateDays: 30, maxPhotos: 3, freeSubmissionsPerHour: 1000, challengeBits: 8, challengeTtlSeconds: 600,
  submitPer10MinPerAddress: 10000, submitPerHourPerDevice: 10000, readsPerMinute: 100000,
};
