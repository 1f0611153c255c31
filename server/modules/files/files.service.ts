// Stored files: photos and signatures. The bytes go to <dataDir>/files/<aa>/<sha256> (content
// addressed, written once), a row describes each upload. A file becomes part of a record when it
// is attached to it; then reading it needs the read permission on that record, resolved by the
// record's module (registerOwner). Before that only its uploader may read it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Actor, ScopeTarget } from '../../core/access.js';
import { inScope } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { toIso, type Executor } from '../../db/client.js';
import type { Permission } from '../../../common/permissions.js';
import { LIMITS } from '../../../common/limits.js';
import type { FilePurpose, FileView } from '../../../common/modules/files/files.contract.js';
import { cleanImage, readPhotoMeta, sniffImage, stripExif, thumbnail } from './image-meta.js';
import { filesRepository as repo, type FileRow } from './files.repository.js';

export { cleanImage, imageSize, stripExif, sniffImage, readPhotoMeta, thumbnail } from './image-meta.js';
export type { FileRow } from './files.repository.js';

export interface FileOwnerResolver {
  /** The permission that reads this kind of record (and so its files). */
  permission: Permission;
  /** The record's scope target, or null when it does not exist. */
  target(db: Executor, ownerId: string): Promise<ScopeTarget | null>;
}

export interface StoreInput {
  data: Buffer;
  filename?: string | null;
  purpose: FilePurpose;
  /**
   * Kept for callers that ask for it: every stored image is now re-encoded upright without any
   * metadata (time and GPS are read first and kept in the row).
   */
  strip?: boolean;
  /** The request field named when the image is refused (default body/file). */
  field?: string;
  /** Defaults to LIMITS.photoBytes. */
  maxBytes?: number;
  /** Attach at once (e.g. a signature to its inspection). */
  owner?: { type: string; id: string };
}

export function presentFile(r: FileRow): FileView {
  return {
    id: r.id,
    mime: r.mime,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    purpose: r.purpose,
    takenAt: toIso(r.taken_at),
    gps: r.gps_lng !== null && r.gps_lat !== null ? { lng: Number(r.gps_lng), lat: Number(r.gps_lat) } : null,
    exifStripped: r.exif_stripped,
    createdAt: toIso(r.created_at) ?? '',
    url: fileUrl(r.id),
  };
}

export function fileUrl(id: string): string {
  return `/api/files/${id}/content`;
}

/** The phone-sized WebP of an image (lists and grids); the full image stays at `fileUrl`. */
export function thumbnailUrl(id: string): string {
  return `/api/files/${id}/content?size=thumb`;
}

/** Where the thumbnail of stored bytes lives, beside them. */
const thumbKey = (storageKey: string) => `${storageKey}.thumb${LIMITS.thumbnailPx}.webp`;

export function createFilesService(ctx: ModuleContext) {
  const { db, clock, config } = ctx;
  const root = path.join(config.dataDir, 'files');
  const owners = new Map<string, FileOwnerResolver>();

  async function writeBytes(sha: string, data: Buffer, key = path.posix.join(sha.slice(0, 2), sha)): Promise<string> {
    const full = path.join(root, key);
    try {
      await stat(full);
      return key;
    } catch {
      /* not there yet */
    }
    await mkdir(path.dirname(full), { recursive: true });
    const tmp = `${full}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, full);
    return key;
  }

  async function canRead(actor: Actor, r: FileRow, ex: Executor = db): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (r.owner_type === null || r.owner_id === null) return r.uploaded_by !== null && r.uploaded_by === actor.userId;
    const resolver = owners.get(r.owner_type);
    if (!resolver) return false;
    const target = await resolver.target(ex, r.owner_id);
    return target !== null && inScope(actor, resolver.permission, target);
  }

  const service = {
    stripExif,
    sniffImage,
    presentFile,

    /** Modules whose records own files say how to check who may read them. */
    registerOwner(type: string, resolver: FileOwnerResolver): void {
      owners.set(type, resolver);
    },

    /**
     * Checks the type by magic bytes and the size, reads EXIF time and GPS, stores the bytes and a
     * row. `actor` null for anonymous uploads (public reports), which should be stripped.
     */
    async store(actor: Actor | null, input: StoreInput, ex: Executor = db): Promise<FileRow> {
      const max = input.maxBytes ?? LIMITS.photoBytes;
      const field = input.field ?? 'body/file';
      if (input.data.length === 0) throw fieldError(field, 'the file is empty');
      if (input.data.length > max) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${max} bytes`, { fields: [{ field, message: `larger than ${max} bytes` }] });
      const mime = sniffImage(input.data);
      if (!mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only JPEG, PNG and WebP images are accepted', { fields: [{ field, message: 'not a JPEG, PNG or WebP image' }] });
      // Read time and place first: the stored copy keeps no metadata (and is turned upright).
      const meta = await readPhotoMeta(input.data, config.timeZone);
      const clean = await cleanImage(input.data, { field });
      const bytes = clean.data;
      const sha = createHash('sha256').update(bytes).digest('hex');
      const key = await writeBytes(sha, bytes);
      await writeBytes(sha, await thumbnail(bytes), thumbKey(key));
      const name = input.filename ? [...input.filename].filter((c) => c.charCodeAt(0) >= 0x20).join('').slice(0, 200) : null;
      const id = await repo.insert(ex, {
        sha256: sha, mime, size: bytes.length, storageKey: key, originalName: name, purpose: input.purpose,
        takenAt: meta.takenAt ? meta.takenAt.toISOString() : null, gps: meta.gps, stripped: true,
        uploadedBy: actor?.kind === 'user' ? actor.userId : null, at: clock.now().toISOString(),
        ownerType: input.owner?.type ?? null, ownerId: input.owner?.id ?? null,
      });
      const row = await repo.byId(ex, id);
      if (!row) throw new Error('file vanished');
      return row;
    },

    /**
     * Makes the files part of a record, inside the caller's transaction. A user may attach only
     * files they uploaded themselves, or files of another record they may read (those are copied,
     * so each record owns its own rows). Returns the attached rows, in the order given.
     */
    async attach(tx: Executor, actor: Actor, ids: readonly string[], owner: { type: string; id: string }, field = 'body/photoIds'): Promise<FileRow[]> {
      const unique = [...new Set(ids)];
      if (unique.length > LIMITS.photosPerRecord * 2) throw fieldError(field, 'too many files');
      const rows = await repo.byIds(tx, unique);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const out: FileRow[] = [];
      for (const id of unique) {
        const r = byId.get(id);
        if (!r) throw fieldError(field, `file ${id} does not exist`);
        if (r.owner_type === owner.type && r.owner_id === owner.id) {
          out.push(r);
        } else if (r.owner_type === null) {
          if (actor.kind !== 'system' && r.uploaded_by !== actor.userId) throw fieldError(field, `file ${id} was uploaded by someone else`);
          await repo.setOwner(tx, id, owner.type, owner.id);
          out.push({ ...r, owner_type: owner.type, owner_id: owner.id });
        } else {
          if (!(await canRead(actor, r, tx))) throw fieldError(field, `file ${id} does not exist`);
          const copy = await repo.copyForOwner(tx, id, owner.type, owner.id, actor.userId, clock.now().toISOString());
          const c = await repo.byId(tx, copy);
          if (c) out.push(c);
        }
      }
      return out;
    },

    filesOf(ex: Executor, ownerType: string, ownerId: string): Promise<FileRow[]> {
      return repo.byOwner(ex, ownerType, ownerId);
    },

    byIds(ex: Executor, ids: readonly string[]): Promise<FileRow[]> {
      return repo.byIds(ex, ids);
    },

    async meta(actor: Actor, id: string): Promise<FileRow> {
      const r = await repo.byId(db, id);
      if (!r || !(await canRead(actor, r))) throw notFound('file');
      return r;
    },

    async read(actor: Actor, id: string): Promise<{ row: FileRow; data: Buffer }> {
      const row = await service.meta(actor, id);
      return { row, data: await service.bytes(row) };
    },

    /** The bytes of a row the caller has already been allowed to read. */
    async bytes(row: FileRow): Promise<Buffer> {
      const full = path.join(root, row.storage_key);
      if (!full.startsWith(root + path.sep)) throw notFound('file');
      try {
        return await readFile(full);
      } catch {
        throw new AppError('NOT_FOUND', 'The stored file is missing');
      }
    },

    /** The thumbnail of a readable row (made now and kept when an older upload has none). */
    async thumbnailBytes(row: FileRow): Promise<Buffer> {
      const key = thumbKey(row.storage_key);
      const full = path.join(root, key);
      if (!full.startsWith(root + path.sep)) throw notFound('file');
      try {
        return await readFile(full);
      } catch {
        const thumb = await thumbnail(await service.bytes(row));
        await writeBytes(row.sha256, thumb, key);
        return thumb;
      }
    },
  };
  return service;
}
export type FilesService = ReturnType<typeof createFilesService>;
