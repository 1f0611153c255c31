// Images as bytes: the type by magic number; the time and place a photo was taken read from its
// EXIF with exifr; and, through sharp (libvips), the copy that is stored — turned upright by its
// EXIF Orientation, with every piece of metadata (EXIF, GPS, XMP, IPTC, ICC, comments) removed —
// and a phone-sized WebP thumbnail for lists. The image's pixel count is checked from its header
// before anything decodes it, so a decompression bomb is refused cheaply.
import exifr from 'exifr';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../../core/errors.js';
import { LIMITS } from '../../../common/limits.js';

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffImage(buf: Buffer): ImageMime | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface PhotoMeta {
  /** DateTimeOriginal (or CreateDate / ModifyDate) as UTC, with the photo's offset or else the deployment zone's. */
  takenAt: Date | null;
  gps: { lng: number; lat: number } | null;
}

/** A wall-clock time in `timeZone` → UTC. */
export function zonedToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): Date {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(t));
    const g = (k: string) => Number(parts.find((p) => p.type === k)?.value ?? 0);
    return Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'), g('second')) - t;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** An EXIF "YYYY:MM:DD HH:MM:SS" with its optional "+08:00" offset → UTC; null when it is not a real time. */
export function exifTimeToUtc(value: unknown, offset: unknown, timeZone: string): Date | null {
  if (typeof value !== 'string') return null;
  const m = EXIF_TIME.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return null;
  const o = typeof offset === 'string' ? OFFSET.exec(offset.trim()) : null;
  if (o) {
    const sign = o[1] === '-' ? -1 : 1;
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - sign * (Number(o[2]) * 60 + Number(o[3])) * 60_000);
  }
  return zonedToUtc(y, mo, d, h, mi, s, timeZone);
}

/** EXIF time and GPS position of a JPEG, PNG or WebP; nulls when absent or unreadable. */
export async function readPhotoMeta(buf: Buffer, timeZone: string): Promise<PhotoMeta> {
  let takenAt: Date | null = null;
  let gps: PhotoMeta['gps'] = null;
  try {
    // reviveValues: false — exifr would build the Date in the process's zone.
    const raw = (await exifr.parse(buf, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'CreateDate', 'OffsetTimeDigitized', 'ModifyDate', 'OffsetTime'],
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
    if (raw) {
      takenAt = exifTimeToUtc(raw.DateTimeOriginal, raw.OffsetTimeOriginal ?? raw.OffsetTime, timeZone)
        ?? exifTimeToUtc(raw.CreateDate, raw.OffsetTimeDigitized ?? raw.OffsetTime, timeZone)
        ?? exifTimeToUtc(raw.ModifyDate, raw.OffsetTime, timeZone);
    }
  } catch {
    takenAt = null;
  }
  try {
    const g = await exifr.gps(buf);
    if (g && Number.isFinite(g.latitude) && Number.isFinite(g.longitude) && Math.abs(g.latitude) <= 90 && Math.abs(g.longitude) <= 180 && !(g.latitude === 0 && g.longitude === 0)) {
      gps = { lng: g.longitude, lat: g.latitude };
    }
  } catch {
    gps = null;
  }
  return { takenAt, gps };
}

export interface ImageLimits {
  /** Largest width × height accepted (default LIMITS.imagePixelsMax). */
  maxPixels?: number;
  /** The request field named in a refusal (default body/file). */
  field?: string;
}

/**
 * Width and height from the image's header — nothing is decoded — refusing an image with more
 * pixels than the limit (413 naming the field) and bytes that are no readable image (415).
 */
export async function imageSize(buf: Buffer, o: ImageLimits = {}): Promise<{ width: number; height: number }> {
  const field = o.field ?? 'body/file';
  const max = o.maxPixels ?? LIMITS.imagePixelsMax;
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The image cannot be read', { fields: [{ field, message: 'not a readable JPEG, PNG or WebP image' }] });
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The image has no size', { fields: [{ field, message: 'not a readable image' }] });
  if (width * height > max) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The image is ${width}×${height} pixels; at most ${max} pixels are accepted`, { fields: [{ field, message: `image larger than ${max} pixels (${width}×${height})` }] });
  }
  return { width, height };
}

function pipeline(buf: Buffer, maxPixels: number): Sharp {
  // failOn 'error': a truncated phone upload still shows what it has; a broken file is refused.
  return sharp(buf, { limitInputPixels: maxPixels, failOn: 'error', animated: false }).autoOrient();
}

export interface CleanImage {
  data: Buffer;
  mime: ImageMime;
  width: number;
  height: number;
}

/**
 * The copy that is stored: upright (EXIF Orientation applied), re-encoded in its own format,
 * with no metadata at all (sharp keeps none unless asked to).
 */
export async function cleanImage(buf: Buffer, o: ImageLimits = {}): Promise<CleanImage> {
  const mime = sniffImage(buf);
  const field = o.field ?? 'body/file';
  if (!mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only JPEG, PNG and WebP images are accepted', { fields: [{ field, message: 'not a JPEG, PNG or WebP image' }] });
  const maxPixels = o.maxPixels ?? LIMITS.imagePixelsMax;
  await imageSize(buf, { maxPixels, field });
  let p = pipeline(buf, maxPixels);
  if (mime === 'image/jpeg') p = p.jpeg({ quality: 88, mozjpeg: true });
  else if (mime === 'image/png') p = p.png({ compressionLevel: 9 });
  else p = p.webp({ quality: 85 });
  try {
    const { data, info } = await p.toBuffer({ resolveWithObject: true });
    return { data, mime, width: info.width, height: info.height };
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The image cannot be read', { fields: [{ field, message: 'the image data is damaged' }] });
  }
}

/** The copy without metadata, upright (for callers that only need the bytes). */
export async function stripExif(buf: Buffer, o: ImageLimits = {}): Promise<Buffer> {
  return (await cleanImage(buf, o)).data;
}

/** A WebP thumbnail that fits in `size`×`size` (never enlarged), upright and without metadata. */
export async function thumbnail(buf: Buffer, size: number = LIMITS.thumbnailPx, maxPixels: number = LIMITS.imagePixelsMax): Promise<Buffer> {
  return pipeline(buf, maxPixels).resize(size, size, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 72 }).toBuffer();
}
