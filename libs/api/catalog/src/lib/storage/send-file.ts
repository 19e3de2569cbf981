import { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { CatalogErrors } from '../catalog.errors';
import type { StoredFile } from '../entities';
import { StoredObjectMissing, type ByteRange, type FileStorage } from './file-storage';
import { parseRange } from './file-types';

const logger = new Logger('StoredFiles');

/** Opens the bytes before any header is sent, so a storage failure is a clean error response. */
async function open(storage: FileStorage, file: StoredFile, range?: ByteRange): Promise<Readable> {
  try {
    return await storage.read(file.storageKey, range);
  } catch (error) {
    if (error instanceof StoredObjectMissing) {
      // The row says the file exists: its bytes were lost or removed behind our back.
      logger.error(`stored file ${file.id} has no object under ${file.storageKey} in ${storage.description}`);
      throw CatalogErrors.FILE_NOT_FOUND();
    }
    logger.error(`cannot read ${file.storageKey} from ${storage.description}: ${(error as Error).message}`);
    throw CatalogErrors.FILE_STORAGE_UNAVAILABLE();
  }
}

/** Sends a stored file, honouring one `Range` (206/416) so videos can seek. */
export async function sendStoredFile(
  reply: FastifyReply,
  storage: FileStorage,
  file: StoredFile,
  range: string | undefined,
): Promise<void> {
  const size = Number(file.sizeBytes);
  const parsed = parseRange(range, size);
  if (parsed === 'invalid') {
    const body = CatalogErrors.RANGE_NOT_SATISFIABLE().toBody();
    await reply
      .status(416)
      .header('accept-ranges', 'bytes')
      .header('content-range', `bytes */${size}`)
      .header('content-type', 'application/json')
      .send(body);
    return;
  }
  const stream = await open(storage, file, parsed ?? undefined);
  reply
    .header('accept-ranges', 'bytes')
    .header('content-type', file.contentType)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`)
    .header('x-content-type-options', 'nosniff');
  if (parsed === null) {
    await reply.status(200).header('content-length', size).send(stream);
    return;
  }
  await reply
    .status(206)
    .header('content-range', `bytes ${parsed.start}-${parsed.end}/${size}`)
    .header('content-length', parsed.end - parsed.start + 1)
    .send(stream);
}
