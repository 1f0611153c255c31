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
} as const;
