import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { seedUnits, SMALL_TREE } from '../../test/factories.js';
import { LIMITS } from '../../../common/limits.js';
import { multipartBody, sampleJpeg, signaturePng, upload, withExif } from '../../test/files.fixtures.js';
import { AppError } from '../../core/errors.js';
import { cleanImage, imageSize, readPhotoMeta, sniffImage, stripExif, thumbnail } from './image-meta.js';
import type { FilesService } from './files.service.js';

const fixture = (name: string) => readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', name));

describe('image metadata and cleaning', () => {
  it('reads DateTimeOriginal in the deployment zone (or with its stated offset) and the GPS position', async () => {
    const jpeg = withExif(sampleJpeg(), { dateTimeOriginal: '2026:03:02 09:15:30', lat: 36.6171, lng: -101.7782 });
    const meta = await readPhotoMeta(jpeg, 'Asia/Shanghai');
    expect(meta.takenAt?.toISOString()).toBe('2026-03-02T01:15:30.000Z');
    expect(meta.gps?.lat).toBeCloseTo(36.6171, 4);
    expect(meta.gps?.lng).toBeCloseTo(-101.7782, 4);
    expect(await readPhotoMeta(sampleJpeg(), 'Asia/Shanghai')).toEqual({ takenAt: null, gps: null });
    // The portrait fixture states OffsetTimeOriginal +08:00, so the process and deployment zones do not matter.
    const portrait = await readPhotoMeta(fixture('portrait-orientation6.jpg'), 'UTC');
    expect(portrait.takenAt?.toISOString()).toBe('2026-05-01T00:30:15.000Z');
    expect(portrait.gps?.lat).toBeCloseTo(36.6171, 4);
    expect(portrait.gps?.lng).toBeCloseTo(101.7782, 4);
  });

  it('turns a portrait phone photo (Orientation 6) upright and keeps no EXIF, GPS or orientation', async () => {
    // portrait-orientation6.jpg: a 400×200 picture, left half red and right half blue, made with
    // sharp; then `exiftool -n -Orientation=6 -DateTimeOriginal=… -OffsetTimeOriginal=+08:00
    // -GPSLatitude=36.6171 -GPSLongitude=101.7782 -Make=PhoneCo`. Viewed upright it is 200×400, red on top.
    const original = fixture('portrait-orientation6.jpg');
    const before = await sharp(original).metadata();
    expect([before.width, before.height, before.orientation]).toEqual([400, 200, 6]);
    const clean = await cleanImage(original);
    expect(clean.mime).toBe('image/jpeg');
    expect(clean.width).toBeLessThan(clean.height);
    const after = await sharp(clean.data).metadata();
    expect([after.width, after.height]).toEqual([200, 400]);
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(await readPhotoMeta(clean.data, 'UTC')).toEqual({ takenAt: null, gps: null });
    expect(clean.data.includes(Buffer.from('PhoneCo', 'latin1'))).toBe(false);
    const { data } = await sharp(clean.data).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [data[(y * 200 + x) * 3], data[(y * 200 + x) * 3 + 2]] as [number, number];
    expect(px(100, 20)[0]).toBeGreaterThan(150); // red on top
    expect(px(100, 380)[1]).toBeGreaterThan(150); // blue below
  });

  it('strips metadata from a PNG too, and makes a WebP thumbnail that fits 320 px', async () => {
    const tiff = withExif(sampleJpeg(), { dateTimeOriginal: '2026:01:01 00:00:00' }).subarray(4 + 6 + 2); // skip SOI, APP1 header and 'Exif\0\0'
    const exifLen = withExif(sampleJpeg(), { dateTimeOriginal: '2026:01:01 00:00:00' }).readUInt16BE(4) - 8;
    const png = signaturePng(1, [{ type: 'eXIf', data: tiff.subarray(0, exifLen) }, { type: 'tEXt', data: Buffer.from('Author\0someone', 'latin1') }]);
    expect((await readPhotoMeta(png, 'UTC')).takenAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const pngClean = await stripExif(png);
    expect(sniffImage(pngClean)).toBe('image/png');
    expect(pngClean.includes(Buffer.from('eXIf', 'latin1'))).toBe(false);
    expect(pngClean.includes(Buffer.from('someone', 'latin1'))).toBe(false);
    const thumb = await thumbnail((await cleanImage(fixture('portrait-orientation6.jpg'))).data, 80);
    expect(sniffImage(thumb)).toBe('image/webp');
    expect(await sharp(thumb).metadata()).toMatchObject({ width: 40, height: 80 });
  });

  it('refuses a 30000×30000 PNG bomb from its header, before decoding, naming the field', async () => {
    // bomb-30000x30000.png: 109 KB on disk, 900 million pixels once decoded.
    const bomb = fixture('bomb-30000x30000.png');
    const err = await cleanImage(bomb, { field: 'body/photos/0' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.stringify((err as AppError).details)).toContain('body/photos/0');
    await expect(imageSize(bomb, { maxPixels: 1_000_000_000 })).resolves.toEqual({ width: 30000, height: 30000 });
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
    expect(f.takenAt).toBe('2026-03-02T01:15:30.000Z');
    expect(f.gps.lat).toBeCloseTo(36.62, 4);
    // The stored copy is re-encoded without its metadata; time and place stay in the row.
    const stored = readFileSync(path.join(dataDir, 'files', f.sha256.slice(0, 2), f.sha256));
    expect(f.sizeBytes).toBe(stored.length);
    expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(await readPhotoMeta(stored, 'UTC')).toEqual({ takenAt: null, gps: null });
    const own = await c.get(`/api/files/${f.id}/content`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect(own.rawPayload.equals(stored)).toBe(true);
    const thumb = await c.get(`/api/files/${f.id}/content?size=thumb`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(Math.max((await sharp(thumb.rawPayload).metadata()).width ?? 0, (await sharp(thumb.rawPayload).metadata()).height ?? 0)).toBeLessThanOrEqual(LIMITS.thumbnailPx);
    expect((await c.get(`/api/files/${f.id}/content?size=huge`)).statusCode).toBe(400);
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
    const bomb = multipartBody(fixture('bomb-30000x30000.png'), 'bomb.png', 'image/png');
    const r3 = await c.request('POST', '/api/files', bomb.body, bomb.headers);
    expect(r3.statusCode).toBe(413);
    expect(r3.json<{ error: { code: string; details: { fields: Array<{ field: string }> } } }>().error.details.fields[0]?.field).toBe('body/file');
  });

  it('stores a portrait phone photo upright, without EXIF or GPS in the file, keeping its time and place in the row', async () => {
    const c = await t.login('gw1');
    const m = multipartBody(fixture('portrait-orientation6.jpg'), 'IMG_0002.jpg', 'image/jpeg');
    const res = await c.request('POST', '/api/files', m.body, m.headers);
    expect(res.statusCode).toBe(201);
    const f = res.json<{ id: string; takenAt: string; gps: { lat: number; lng: number }; exifStripped: boolean }>();
    expect(f.takenAt).toBe('2026-05-01T00:30:15.000Z');
    expect(f.gps.lng).toBeCloseTo(101.7782, 4);
    expect(f.exifStripped).toBe(true);
    const served = (await c.get(`/api/files/${f.id}/content`)).rawPayload;
    const meta = await sharp(served).metadata();
    expect(meta.width).toBeLessThan(meta.height ?? 0);
    expect(meta.exif).toBeUndefined();
    expect(await readPhotoMeta(served, 'UTC')).toEqual({ takenAt: null, gps: null });
    const thumb = await sharp((await c.get(`/api/files/${f.id}/content?size=thumb`)).rawPayload).metadata();
    expect(thumb.width).toBeLessThan(thumb.height ?? 0);
  });

  it('stores a stripped copy for anonymous uploads through the service', async () => {
    const files = t.modules.find((m) => typeof (m.service as Partial<FilesService>).stripExif === 'function')?.service as FilesService;
    const photo = withExif(sampleJpeg(), { dateTimeOriginal: '2026:03:02 09:15:30', lat: 36.62, lng: 101.78 });
    const row = await files.store(null, { data: photo, purpose: 'report_photo', strip: true });
    expect(row.exif_stripped).toBe(true);
    expect(row.taken_at).not.toBeNull();
    const bytes = await files.bytes(row);
    expect(sniffImage(bytes)).toBe('image/jpeg');
    expect(await readPhotoMeta(bytes, 'UTC')).toEqual({ takenAt: null, gps: null });
    expect(await upload(await t.login('gw1'), signaturePng(), 'signature', 'sig.png', 'image/png')).toMatch(/^\d+$/);
  });
});
