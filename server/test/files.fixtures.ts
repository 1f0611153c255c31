// Test material for photos: two small real JPEGs, EXIF written into them, a PNG signature,
// and a multipart body for uploads through the HTTP client.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import type { Client } from './app.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function sampleJpeg(name: 'before' | 'after' = 'before'): Buffer {
  return readFileSync(path.join(here, 'fixtures', `${name}.jpg`));
}

function rational(v: number): [number, number] {
  return [Math.round(v * 10000), 10000];
}

/**
 * The JPEG with an APP1 EXIF segment carrying DateTimeOriginal ('YYYY:MM:DD HH:MM:SS', local time
 * without offset) and a GPS position — big-endian ('MM') TIFF, as many phones write it.
 */
export function withExif(jpeg: Buffer, exif: { dateTimeOriginal?: string; lat?: number; lng?: number; make?: string }): Buffer {
  type Entry = { tag: number; type: number; count: number; data: Buffer };
  const ascii = (tag: number, s: string): Entry => ({ tag, type: 2, count: s.length + 1, data: Buffer.from(s + '\0', 'latin1') });
  const rationals = (tag: number, vals: number[]): Entry => {
    const b = Buffer.alloc(8 * vals.length);
    vals.forEach((v, i) => {
      const [n, d] = rational(v);
      b.writeUInt32BE(n, i * 8);
      b.writeUInt32BE(d, i * 8 + 4);
    });
    return { tag, type: 5, count: vals.length, data: b };
  };
  const long = (tag: number, v: number): Entry => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v);
    return { tag, type: 4, count: 1, data: b };
  };
  const dms = (v: number) => {
    const a = Math.abs(v);
    const d = Math.floor(a);
    const m = Math.floor((a - d) * 60);
    const s = (a - d - m / 60) * 3600;
    return [d, m, s];
  };

  // Layout: header(8) | IFD0 | ExifIFD | GPSIFD | data area
  const ifd0: Entry[] = [];
  if (exif.make) ifd0.push(ascii(0x010f, exif.make));
  const exifIfd: Entry[] = exif.dateTimeOriginal ? [ascii(0x9003, exif.dateTimeOriginal)] : [];
  const gpsIfd: Entry[] = exif.lat !== undefined && exif.lng !== undefined
    ? [ascii(1, exif.lat >= 0 ? 'N' : 'S'), rationals(2, dms(exif.lat)), ascii(3, exif.lng >= 0 ? 'E' : 'W'), rationals(4, dms(exif.lng))]
    : [];
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const ifd0Count = ifd0.length + 1 + (gpsIfd.length ? 1 : 0);
  const ifd0Off = 8;
  const exifOff = ifd0Off + ifdSize(ifd0Count);
  const gpsOff = exifOff + ifdSize(exifIfd.length);
  let dataOff = gpsOff + ifdSize(gpsIfd.length);
  ifd0.push(long(0x8769, exifOff));
  if (gpsIfd.length) ifd0.push(long(0x8825, gpsOff));
  ifd0.sort((a, b) => a.tag - b.tag);

  const chunks: Buffer[] = [];
  const data: Buffer[] = [];
  const writeIfd = (entries: Entry[]) => {
    const b = Buffer.alloc(ifdSize(entries.length));
    b.writeUInt16BE(entries.length, 0);
    entries.forEach((e, i) => {
      const o = 2 + i * 12;
      b.writeUInt16BE(e.tag, o);
      b.writeUInt16BE(e.type, o + 2);
      b.writeUInt32BE(e.count, o + 4);
      if (e.data.length <= 4) e.data.copy(b, o + 8);
      else {
        b.writeUInt32BE(dataOff, o + 8);
        data.push(e.data);
        dataOff += e.data.length;
      }
    });
    b.writeUInt32BE(0, b.length - 4);
    chunks.push(b);
  };
  writeIfd(ifd0);
  writeIfd(exifIfd);
  writeIfd(gpsIfd);
  const header = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]);
  const tiff = Buffer.concat([header, ...chunks, ...data]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.alloc(4);
  seg[0] = 0xff;
  seg[1] = 0xe1;
  seg.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, payload, jpeg.subarray(2)]);
}

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    let c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A 160×60 RGBA PNG with a wavy stroke on a transparent background, like a canvas signature. */
export function signaturePng(seed = 1, extraChunks: Array<{ type: string; data: Buffer }> = []): Buffer {
  const w = 160;
  const h = 60;
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 4 + 1) + 1 + x * 4;
      const on = Math.abs(y - 30 - Math.round(14 * Math.sin((x * seed) / 12))) < 2;
      raw[o + 2] = 60;
      raw[o + 3] = on ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...extraChunks.map((c) => pngChunk(c.type, c.data)),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function multipartBody(file: Buffer, filename: string, mime: string): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----sg${Date.now().toString(16)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`, 'utf8'),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads through the API; returns the file id (throws on failure). */
export async function upload(c: Client, file: Buffer, purpose = 'photo', filename = 'photo.jpg', mime = 'image/jpeg'): Promise<string> {
  const m = multipartBody(file, filename, mime);
  const res = await c.request('POST', `/api/files?purpose=${purpose}`, m.body, m.headers);
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}
