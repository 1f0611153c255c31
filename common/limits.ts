// Limits shared by forms and the server, so both say no to the same things.
export const LIMITS = {
  usernameMax: 64,
  displayNameMax: 64,
  passwordMax: 128,
  nameMax: 200,
  textMax: 4000,
  commentMax: 2000,
  pageMax: 200,
  uploadBytes: 10 * 1024 * 1024,
  importBytes: 50 * 1024 * 1024,
  photoBytes: 8 * 1024 * 1024,
  photosPerRecord: 9,
  /** Largest image (width × height) an upload may decode to; checked from the header first. */
  imagePixelsMax: 40_000_000,
  /** Longest side of the thumbnails shown in lists. */
  thumbnailPx: 320,
} as const;
