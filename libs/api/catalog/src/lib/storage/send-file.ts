import type { FastifyReply } from 'fastify';
import { CatalogErrors } from '../catalog.errors';
import type { StoredFile } from '../entities';
import type { FileStorage } from './file-storage';
import { parseRange } from './file-types';

/** Sends a stored file, honouring one `Range` (206/416) so videos can seek. */
export async function sendStoredFile(reply: FastifyReply, storage: FileStorage, file: StoredFile, range: string | undefined): Promise<void> {
  const size = Number(file.sizeBytes);
  const parsed = parseRange(range, size);
  reply
    .header('accept-ranges', 'bytes')
    .header('content-type', file.contentType)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`)
    .header('x-content-type-options', 'nosniff');
  if (parsed === 'invalid') {
    const body = CatalogErrors.RANGE_NOT_SATISFIABLE().toBody();
    await reply.status(416).header('content-range', `bytes */${size}`).header('content-type', 'application/json').send(body);
    return;
  }
  if (parsed === null) {
    await reply.status(200).header('content-length', size).send(storage.read(file.storageKey));
    return;
  }
  await reply
    .status(206)
    .header('content-range', `bytes ${parsed.start}-${parsed.end}/${size}`)
    .header('content-length', parsed.end - parsed.start + 1)
    .send(storage.read(file.storageKey, parsed));
}
