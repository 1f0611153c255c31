// Images as bytes: the type by magic number, the time and place a photo was taken from its EXIF
// (JPEG APP1, PNG eXIf, WebP EXIF), and a copy without that metadata (for photos made public).
export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

export function sniffImage(buf: Buffer): ImageMime | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PhotoMeta {
  /** DateTimeOriginal (or DateTime) as UTC, read in `timeZone` unless the photo states its offset. */
  takenAt: Date | null;
  gps: { lng: number; lat: number } | null;
}

/** EXIF time and GPS position of a JPEG, PNG or WebP; nulls when absent or unreadable. */
export function readPhotoMeta(buf: Buffer, timeZone: string): PhotoMeta {
  const tiff = findTiff(buf);
  if (!tiff) return { takenAt: null, gps: null };
  try {
    return parseTiff(tiff, timeZone);
  } catch {
    return { takenAt: null, gps: null };
  }
}

function findTiff(buf: Buffer): Buffer | null {
  const mime = sniffImage(buf);
  if (mime === 'image/jpeg') {
    for (const seg of jpegSegments(buf)) {
      if (seg.marker === 0xe1 && seg.length >= 8 && buf.toString('latin1', seg.dataStart, seg.dataStart + 6) === 'Exif\0\0') {
        return buf.subarray(seg.dataStart + 6, seg.dataStart + seg.length - 2);
      }
    }
    return null;
  }
  if (mime === 'image/png') {
    for (const c of pngChunks(buf)) if (c.type === 'eXIf') return buf.subarray(c.dataStart, c.dataStart + c.length);
    return null;
  }
  if (mime === 'image/webp') {
    for (const c of riffChunks(buf)) {
      if (c.type === 'EXIF') {
        const d = buf.subarray(c.dataStart, c.dataStart + c.length);
        return d.toString('latin1', 0, 6) === 'Exif\0\0' ? d.subarray(6) : d;
      }
    }
  }
  return null;
}

interface JpegSegment {
  marker: number;
  /** Offset of the 0xFF of the marker. */
  start: number;
  /** Offset of the segment data (after the two length bytes). */
  dataStart: number;
  /** The length field (includes its own two bytes). */
  length: number;
}

/** Marker segments before the scan data; stops at SOS or at anything malformed. */
function* jpegSegments(buf: Buffer): Generator<JpegSegment> {
  let p = 2;
  while (p + 4 <= buf.length) {
    if (buf[p] !== 0xff) return;
    let m = buf[p + 1] ?? 0;
    let q = p + 1;
    while (m === 0xff && q + 1 < buf.length) m = buf[++q] ?? 0; // fill bytes
    const start = q - 1;
    if (m === 0xd9 || m === 0xda) return;
    if ((m >= 0xd0 && m <= 0xd7) || m === 0x01) {
      p = q + 1;
      continue;
    }
    const length = buf.readUInt16BE(q + 1);
    if (length < 2 || q + 1 + length > buf.length) return;
    yield { marker: m, start, dataStart: q + 3, length };
    p = q + 1 + length;
  }
}

interface Chunk {
  type: string;
  start: number;
  dataStart: number;
  length: number;
  /** Offset just after the chunk (CRC or padding included). */
  end: number;
}

function* pngChunks(buf: Buffer): Generator<Chunk> {
  let p = 8;
  while (p + 12 <= buf.length) {
    const length = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    const end = p + 12 + length;
    if (end > buf.length) return;
    yield { type, start: p, dataStart: p + 8, length, end };
    if (type === 'IEND') return;
    p = end;
  }
}

function* riffChunks(buf: Buffer): Generator<Chunk> {
  let p = 12;
  while (p + 8 <= buf.length) {
    const type = buf.toString('latin1', p, p + 4);
    const length = buf.readUInt32LE(p + 4);
    const end = p + 8 + length + (length & 1);
    if (p + 8 + length > buf.length) return;
    yield { type, start: p, dataStart: p + 8, length, end: Math.min(end, buf.length) };
    p = end;
  }
}

// ---- TIFF / EXIF ----

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

interface Entry {
  tag: number;
  type: number;
  count: number;
  valueOffset: number;
}

function parseTiff(t: Buffer, timeZone: string): PhotoMeta {
  const order = t.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return { takenAt: null, gps: null };
  const le = order === 'II';
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  if (u16(2) !== 42) return { takenAt: null, gps: null };

  const ifd = (off: number): Map<number, Entry> => {
    const out = new Map<number, Entry>();
    if (off <= 0 || off + 2 > t.length) return out;
    const n = u16(off);
    for (let i = 0; i < n && i < 512; i++) {
      const e = off + 2 + i * 12;
      if (e + 12 > t.length) break;
      const type = u16(e + 2);
      const count = u32(e + 4);
      const size = (TYPE_SIZES[type] ?? 0) * count;
      out.set(u16(e), { tag: u16(e), type, count, valueOffset: size <= 4 ? e + 8 : u32(e + 8) });
    }
    return out;
  };
  const ascii = (e: Entry | undefined): string | null => {
    if (!e || e.type !== 2 || e.valueOffset + e.count > t.length) return null;
    return t.toString('latin1', e.valueOffset, e.valueOffset + e.count).replace(/\0.*$/s, '').trim();
  };
  const rationals = (e: Entry | undefined): number[] | null => {
    if (!e || (e.type !== 5 && e.type !== 10) || e.valueOffset + 8 * e.count > t.length) return null;
    const out: number[] = [];
    for (let i = 0; i < e.count; i++) {
      const num = u32(e.valueOffset + i * 8);
      const den = u32(e.valueOffset + i * 8 + 4);
      if (den === 0) return null;
      out.push(num / den);
    }
    return out;
  };
  const pointer = (e: Entry | undefined): number => (e && (e.type === 4 || e.type === 13) ? u32(e.valueOffset) : 0);

  const ifd0 = ifd(u32(4));
  const exif = ifd(pointer(ifd0.get(0x8769)));
  const gpsIfd = ifd(pointer(ifd0.get(0x8825)));

  const dt = ascii(exif.get(0x9003)) ?? ascii(exif.get(0x9004)) ?? ascii(ifd0.get(0x0132));
  const offset = ascii(exif.get(0x9011)) ?? ascii(exif.get(0x9010));
  const takenAt = dt ? exifTime(dt, offset, timeZone) : null;

  let gps: PhotoMeta['gps'] = null;
  const lat = rationals(gpsIfd.get(2));
  const lng = rationals(gpsIfd.get(4));
  if (lat && lng && lat.length >= 1 && lng.length >= 1) {
    const dms = (v: number[]) => (v[0] ?? 0) + (v[1] ?? 0) / 60 + (v[2] ?? 0) / 3600;
    const latV = dms(lat) * (ascii(gpsIfd.get(1))?.toUpperCase() === 'S' ? -1 : 1);
    const lngV = dms(lng) * (ascii(gpsIfd.get(3))?.toUpperCase() === 'W' ? -1 : 1);
    if (Number.isFinite(latV) && Number.isFinite(lngV) && Math.abs(latV) <= 90 && Math.abs(lngV) <= 180 && !(latV === 0 && lngV === 0)) {
      gps = { lng: round7(lngV), lat: round7(latV) };
    }
  }
  return { takenAt, gps };
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

function exifTime(s: string, offset: string | null, timeZone: string): Date | null {
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return null;
  const om = offset ? /^([+-])(\d{2}):?(\d{2})$/.exec(offset) : null;
  if (om) {
    const sign = om[1] === '-' ? -1 : 1;
    const mins = sign * (Number(om[2]) * 60 + Number(om[3]));
    return new Date(Date.UTC(y, mo - 1, d, h, mi, se) - mins * 60_000);
  }
  return zonedToUtc(y, mo, d, h, mi, se, timeZone);
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function zonedToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): Date {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

// ---- stripping ----

/**
 * A copy of the image without the metadata that can reveal who took it and where: JPEG APP1
 * (EXIF, XMP) and APP13 (IPTC) segments, PNG eXIf and text chunks, WebP EXIF and XMP chunks.
 * Other bytes are kept as they are. Anything that is not one of the three types is returned unchanged.
 */
export function stripExif(buf: Buffer): Buffer {
  const mime = sniffImage(buf);
  if (mime === 'image/jpeg') return stripJpeg(buf);
  if (mime === 'image/png') return stripPng(buf);
  if (mime === 'image/webp') return stripWebp(buf);
  return buf;
}

function stripJpeg(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let last = 2;
  for (const seg of jpegSegments(buf)) {
    if (seg.marker === 0xe1 || seg.marker === 0xed) {
      parts.push(buf.subarray(last, seg.start));
      last = seg.dataStart + seg.length - 2;
    }
  }
  parts.push(buf.subarray(last));
  return Buffer.concat(parts);
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 8)];
  let last = 8;
  for (const c of pngChunks(buf)) {
    if (PNG_DROP.has(c.type)) {
      parts.push(buf.subarray(last, c.start));
      last = c.end;
    }
  }
  parts.push(buf.subarray(last));
  return Buffer.concat(parts);
}

function stripWebp(buf: Buffer): Buffer {
  const kept: Buffer[] = [];
  for (const c of riffChunks(buf)) {
    if (c.type === 'EXIF' || c.type === 'XMP ') continue;
    const chunk = Buffer.from(buf.subarray(c.start, c.end));
    if (c.type === 'VP8X' && chunk.length > 8) chunk[8] = (chunk[8] ?? 0) & ~0x0c; // clear the EXIF and XMP flags
    kept.push(chunk);
  }
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
