import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { seedUnits, SMALL_TREE } from '../../test/factories.js';
import { LIMITS } from '../../../common/limits.js';
import { multipartBody, sampleJpeg, signaturePng, upload, withExif } from '../../test/files.fixtures.js';
import { readPhotoMeta, sniffImage, stripExif } from './image-meta.js';
import type { FilesService } from './files.service.js';

describe('image metadata (pure)', () => {
  it('reads DateTimeOriginal in the deployment zone and the GPS position from a JPEG', () => {
    const jpeg = withExif(sampleJpeg(), { dateTimeOriginal: '2026:03:02 09:15:30', lat: 36.6171, lng: -101.7782 });
    const meta = readPhotoMeta(jpeg, 'Asia/Shanghai');
    expect(meta.takenAt?.toISOString()).toBe('2026-03-02T01:15:30.000Z');
    expect(meta.gps?.lat).toBeCloseTo(36.6171, 4);
    expect(meta.gps?.lng).toBeCloseTo(-101.7782, 4);
    expect(readPhotoMeta(sampleJpeg(), 'Asia/Shanghai')).toEqual({ takenAt: null, gps: null });
  });

  it('strips APP1 and APP13 from a JPEG and eXIf/text chunks from a PNG, keeping the image', () => {
    const jpeg = withExif(sampleJpeg(), { dateTimeOriginal: '2026:03:02 09:15:30', lat: 36.6, lng: 101.7, make: 'PhoneCo' });
    const app13 = Buffer.from([0xff, 0xed, 0x00, 0x06, 0x50, 0x68, 0x6f, 0x74]);
    const withIptc = Buffer.concat([jpeg.subarray(0, 2), app13, jpeg.subarray(2)]);
    const clean = stripExif(withIptc);
    expect(clean.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(clean.includes(Buffer.from('PhoneCo', 'latin1'))).toBe(false);
    expect(clean.includes(app13)).toBe(false);
    expect(clean.equals(sampleJpeg())).toBe(true);
    expect(readPhotoMeta(clean, 'UTC')).toEqual({ takenAt: null, gps: null });

    const tiff = withExif(sampleJpeg(), { dateTimeOriginal: '2026:01:01 00:00:00' }).subarray(4 + 6 + 2); // skip SOI, APP1 header and 'Exif\0\0'
    const exifLen = withExif(sampleJpeg(), { dateTimeOriginal: '2026:01:01 00:00:00' }).readUInt16BE(4) - 8;
    const png = signaturePng(1, [{ type: 'eXIf', data: tiff.subarray(0, exifLen) }, { type: 'tEXt', data: Buffer.from('Author\0someone', 'latin1') }]);
    expect(readPhotoMeta(png, 'UTC').takenAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const pngClean = stripExif(png);
    expect(pngClean.equals(signaturePng(1))).toBe(true);
    expect(sniffImage(pngClean)).toBe('image/png');
  });

  it('recognises types by magic bytes only', () => {
    expect(sniffImage(sampleJpeg())).toBe('image/jpeg');
    expect(sniffImage(signaturePng())).toBe('image/png');
    expect(sniffImage(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.5'))).toBeNull();
  });
});

describe('uploads', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'sg-files-'));
    t = await createTestApp({ config: { dataDir } });
    await seedUnits(t.db, SMALL_TREE);
    await t.user('gw1', 'grid_worker', '630102001001001');
    await t.user('gw2', 'grid_worker', '630102001001002');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores a photo with its EXIF time and GPS and lets only the uploader read it until it is attached', async () => {
    const c = await t.login('gw1');
    const photo = withExif(sampleJpeg(), { dateTimeOriginal: '2026:03:02 09:15:30', lat: 36.62, lng: 101.78 });
    const m = multipartBody(photo, 'IMG_0001.jpg', 'image/jpeg');
    const res = await c.request('POST', '/api/files', m.body, m.headers);
    expect(res.statusCode).toBe(201);
    const f = res.json<{ id: string; sha256: string; sizeBytes: number; takenAt: string; gps: { lat: number; lng: number }; mime: string }>();
    expect(f.mime).toBe('image/jpeg');
    expect(f.sizeBytes).toBe(photo.length);
    expect(f.takenAt).toBe('2026-03-02T01:15:30.000Z');
    expect(f.gps.lat).toBeCloseTo(36.62, 4);
    expect(readFileSync(path.join(dataDir, 'files', f.sha256.slice(0, 2), f.sha256)).equals(photo)).toBe(true);
    const own = await c.get(`/api/files/${f.id}/content`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect(own.rawPayload.equals(photo)).toBe(true);
    expect((await (await t.login('gw2')).get(`/api/files/${f.id}/content`)).statusCode).toBe(404);
    expect((await t.anonymous().get(`/api/files/${f.id}/content`)).statusCode).toBe(401);
  });

  it('refuses other types (415) and oversized files (413) with a code', async () => {
    const c = await t.login('gw1');
    const svg = multipartBody(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.jpg', 'image/jpeg');
    const r1 = await c.request('POST', '/api/files', svg.body, svg.headers);
    expect(r1.statusCode).toBe(415);
    expect(r1.json<{ error: { code: string } }>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = Buffer.concat([sampleJpeg(), Buffer.alloc(LIMITS.photoBytes)]);
    const m = multipartBody(big, 'big.jpg', 'image/jpeg');
    const r2 = await c.request('POST', '/api/files', m.body, m.headers);
    expect(r2.statusCode).toBe(413);
    expect(r2.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
    const notMultipart = await c.post('/api/files', { file: 'abc' });
    expect(notMultipart.statusCode).toBe(415);
  });

  it('stores a stripped copy for anonymous uploads through the service', async () => {
    const files = t.modules.find((m) => typeof (m.service as Partial<FilesService>).stripExif === 'function')?.service as FilesService;
    const photo = withExif(sampleJpeg(), { dateTimeOriginal: '2026:03:02 09:15:30', lat: 36.62, lng: 101.78 });
    const row = await files.store(null, { data: photo, purpose: 'report_photo', strip: true });
    expect(row.exif_stripped).toBe(true);
    expect(row.taken_at).not.toBeNull();
    expect((await files.bytes(row)).equals(sampleJpeg())).toBe(true);
    expect(await upload(await t.login('gw1'), signaturePng(), 'signature', 'sig.png', 'image/png')).toMatch(/^\d+$/);
  });
});
