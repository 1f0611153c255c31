// Addresses of stored files: the full image (upright, without metadata) and the phone-sized
// WebP thumbnail the server makes at upload — lists and photo grids show the thumbnail and open
// the full image only in the preview.
export const fileContentUrl = (id: string): string => `/api/files/${encodeURIComponent(id)}/content`;
export const thumbnailUrl = (id: string): string => `${fileContentUrl(id)}?size=thumb`;
