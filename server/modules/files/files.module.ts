import type { Module, ModuleContext } from '../../core/module.js';
import { filesRoutes } from './files.routes.js';
import { createFilesService, type FilesService } from './files.service.js';

// What other modules use of this one.
export { type FileRow, type FilesService, fileUrl, readPhotoMeta, sniffImage, stripExif } from './files.service.js';

export function createFilesModule(ctx: ModuleContext): Module<FilesService> {
  const service = createFilesService(ctx);
  return { service, routes: (app) => filesRoutes(app, service) };
}
