// Stored files (photos, signatures): what an upload answers with.
import { Type, type Static } from 'typebox';
import { Id, IsoTime } from '../shared/shared.contract.js';

export const FILE_PURPOSES = ['photo', 'signature', 'evidence', 'report_photo', 'attachment'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const FileView = Type.Object({
  id: Id,
  mime: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  purpose: Type.String(),
  takenAt: Type.Union([IsoTime, Type.Null()]),
  gps: Type.Union([Type.Object({ lng: Type.Number(), lat: Type.Number() }), Type.Null()]),
  exifStripped: Type.Boolean(),
  createdAt: IsoTime,
  url: Type.String(),
});
export type FileView = Static<typeof FileView>;

export const UploadQuery = Type.Object({
  purpose: Type.Optional(Type.Enum(FILE_PURPOSES)),
});

/** `thumb`: the phone-sized WebP thumbnail made at upload (for lists and grids); default the full image. */
export const FILE_SIZES = ['full', 'thumb'] as const;
export const ContentQuery = Type.Object({
  size: Type.Optional(Type.Enum(FILE_SIZES)),
});

/** The accepted image types, checked by magic bytes (not by the declared type or name). */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
