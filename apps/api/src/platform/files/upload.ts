import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { DomainError, validationFailed } from '../errors/domain-error';
import { unfitText } from '../http/input-guard';

export interface Upload {
  /** The name the browser sent, reduced to its last path segment; never used as a storage path. */
  originalName: string;
  bytes: Buffer;
}

const isFastifyError = (error: unknown, code: string) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * Reads the one file of a multipart/form-data request (field `field`) into memory, refusing it
 * with 413 PAYLOAD_TOO_LARGE beyond `maxBytes` and with 415 when the request is not multipart.
 */
export async function readSingleUpload(request: FastifyRequest, field: string, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Send the file as multipart/form-data in a field named "${field}".`);
  }
  let part;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 2 } });
  } catch (error) {
    if (isFastifyError(error, 'FST_FIELDS_LIMIT') || isFastifyError(error, 'FST_PARTS_LIMIT')) {
      throw validationFailed(field, `send only one file, in a field named "${field}"`);
    }
    throw error;
  }
  if (!part) throw validationFailed(field, `is required: send the file in a field named "${field}"`);
  if (part.fieldname !== field) {
    part.file.resume();
    throw validationFailed(field, `is required: the file came in a field named "${part.fieldname}"`);
  }
  const nameProblem = unfitText(part.filename ?? '');
  if (nameProblem) {
    part.file.resume();
    throw validationFailed(field, `file name ${nameProblem}`);
  }
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    if (isFastifyError(error, 'FST_REQ_FILE_TOO_LARGE')) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${mib(maxBytes)}.`);
    }
    throw error;
  }
  if (bytes.length === 0) throw validationFailed(field, 'is empty');
  const originalName = (part.filename ?? '').split(/[\\/]/).pop()?.trim().slice(-255) || 'report';
  return { originalName, bytes };
}
