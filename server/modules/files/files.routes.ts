import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../common/modules/shared/shared.contract.js';
import { ContentQuery, FileView, UploadQuery } from '../../../common/modules/files/files.contract.js';
import { LIMITS } from '../../../common/limits.js';
import { actorOf } from '../../core/http.js';
import { AppError } from '../../core/errors.js';
import { errors } from '../../core/responses.js';
import { presentFile, type FilesService } from './files.service.js';

/** The one file of a multipart request, read into memory within `maxBytes`. */
export async function readUpload(req: FastifyRequest, maxBytes: number = LIMITS.photoBytes): Promise<{ data: Buffer; filename: string | null }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data', { fields: [{ field: 'body/file', message: 'multipart/form-data expected' }] });
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError('VALIDATION_FAILED', 'body/file: no file', { fields: [{ field: 'body/file', message: 'no file in the request' }] });
  const data = await part.toBuffer();
  return { data, filename: part.filename || null };
}

export function filesRoutes(app: FastifyInstance, svc: FilesService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['files'];

  r.post('/api/files', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Upload a photo (JPEG, PNG or WebP; EXIF time and GPS are read)', querystring: UploadQuery, consumes: ['multipart/form-data'],
      response: { 201: FileView, ...errors(400, 401, 403, 413, 415) } },
  }, async (req, reply) => {
    const up = await readUpload(req);
    const row = await svc.store(actorOf(req), { data: up.data, filename: up.filename, purpose: req.query.purpose ?? 'photo' });
    return reply.code(201).send(presentFile(row));
  });

  r.get('/api/files/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'A stored file\'s description', params: Type.Object({ id: Id }), response: { 200: FileView, ...errors(401, 404) } },
  }, async (req) => presentFile(await svc.meta(actorOf(req), req.params.id)));

  r.get('/api/files/:id/content', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'A stored file\'s bytes: the upright image without metadata, or (size=thumb) a WebP thumbnail for lists', params: Type.Object({ id: Id }), querystring: ContentQuery,
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 401, 404) },
    },
  }, async (req, reply) => {
    const row = await svc.meta(actorOf(req), req.params.id);
    const thumb = req.query.size === 'thumb';
    const mime = thumb ? 'image/webp' : row.mime;
    const data = thumb ? await svc.thumbnailBytes(row) : await svc.bytes(row);
    return reply
      .header('content-type', mime)
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="${row.id}${thumb ? '-thumb' : ''}.${mime.split('/')[1] ?? 'bin'}"`)
      .send(data);
  });
}
