import type { Readable } from 'node:stream';

/**
 * Where uploaded files' bytes live; the database holds only the key and the metadata.
 * The default keeps them on local disk; an object store (S3 and the like) implements the same
 * three calls when the API runs on more than one machine.
 */
export interface FileStore {
  /** Stores `bytes` under `key`, replacing nothing: a key is written once. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The stored bytes; rejects with `FileNotFoundError` when nothing is stored under `key`. */
  get(key: string): Promise<Readable>;
  /** Removes `key`; nothing happens when it is absent. */
  delete(key: string): Promise<void>;
}

/** Injection token for the FileStore. */
export const FILE_STORE = Symbol('FILE_STORE');

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file under ${key}`);
  }
}

/** Keys are slash-separated lower-case segments of letters, digits and dashes: no `..`, no absolute paths. */
export const FILE_KEY_RE = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

export function checkKey(key: string): string {
  if (!FILE_KEY_RE.test(key)) throw new RangeError(`Not a valid file key: ${key}`);
  return key;
}
