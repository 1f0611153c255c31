import { sql, type Executor } from '../../db/client.js';

export interface FileRow {
  id: string;
  sha256: string;
  mime: string;
  size_bytes: number;
  storage_key: string;
  original_name: string | null;
  purpose: string;
  taken_at: string | null;
  gps_lng: number | null;
  gps_lat: number | null;
  exif_stripped: boolean;
  owner_type: string | null;
  owner_id: string | null;
  uploaded_by: string | null;
  created_at: string;
}

const cols = sql`f.id, f.sha256, f.mime, f.size_bytes, f.storage_key, f.original_name, f.purpose, f.taken_at,
  ST_X(f.gps) AS gps_lng, ST_Y(f.gps) AS gps_lat, f.exif_stripped, f.owner_type, f.owner_id, f.uploaded_by, f.created_at`;

export const filesRepository = {
  byId(db: Executor, id: string) {
    return db.one<FileRow>(sql`SELECT ${cols} FROM files f WHERE f.id = ${id}::bigint`);
  },
  byIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([] as FileRow[]);
    return db.rows<FileRow>(sql`SELECT ${cols} FROM files f WHERE f.id = ANY(${`{${ids.join(',')}}`}::bigint[]) ORDER BY f.id`);
  },
  byOwner(db: Executor, ownerType: string, ownerId: string) {
    return db.rows<FileRow>(sql`SELECT ${cols} FROM files f WHERE f.owner_type = ${ownerType} AND f.owner_id = ${ownerId}::bigint ORDER BY f.id`);
  },
  async insert(db: Executor, f: {
    sha256: string; mime: string; size: number; storageKey: string; originalName: string | null; purpose: string;
    takenAt: string | null; gps: { lng: number; lat: number } | null; stripped: boolean; uploadedBy: string | null; at: string;
    ownerType?: string | null; ownerId?: string | null;
  }) {
    const row = await db.one<{ id: string }>(sql`INSERT INTO files (sha256, mime, size_bytes, storage_key, original_name, purpose, taken_at, gps,
        exif_stripped, uploaded_by, created_at, owner_type, owner_id)
      VALUES (${f.sha256}, ${f.mime}, ${f.size}, ${f.storageKey}, ${f.originalName}, ${f.purpose}, ${f.takenAt}::timestamptz,
        ${f.gps ? sql`ST_SetSRID(ST_MakePoint(${f.gps.lng}::float8, ${f.gps.lat}::float8), 4326)` : sql`NULL`},
        ${f.stripped}, ${f.uploadedBy}::bigint, ${f.at}::timestamptz, ${f.ownerType ?? null}, ${f.ownerId ?? null}::bigint)
      RETURNING id`);
    if (!row) throw new Error('insert failed');
    return row.id;
  },
  async setOwner(db: Executor, id: string, ownerType: string, ownerId: string) {
    await db.rows(sql`UPDATE files SET owner_type = ${ownerType}, owner_id = ${ownerId}::bigint WHERE id = ${id}::bigint AND owner_type IS NULL`);
  },
  async copyForOwner(db: Executor, id: string, ownerType: string, ownerId: string, by: string | null, at: string) {
    const row = await db.one<{ id: string }>(sql`INSERT INTO files (sha256, mime, size_bytes, storage_key, original_name, purpose, taken_at, gps,
        exif_stripped, uploaded_by, created_at, owner_type, owner_id)
      SELECT sha256, mime, size_bytes, storage_key, original_name, purpose, taken_at, gps, exif_stripped, ${by}::bigint, ${at}::timestamptz,
        ${ownerType}, ${ownerId}::bigint FROM files WHERE id = ${id}::bigint RETURNING id`);
    if (!row) throw new Error('copy failed');
    return row.id;
  },
};
