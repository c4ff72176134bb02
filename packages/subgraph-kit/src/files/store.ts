/**
 * Where uploaded files live: a directory under DATA_DIR in embedded mode, an
 * S3-compatible bucket in distributed mode (OBJECT_STORE_URL). Clients move
 * bytes straight to and from the store with short-lived signed URLs; the
 * service itself only reads an upload once to check it and writes its
 * cleaned copy.
 */
export interface SignedUpload {
  url: string;
  /** Headers the client must send with its PUT (they are part of the signature). */
  headers: { name: string; value: string }[];
}

export interface ObjectStore {
  readonly kind: 'directory' | 's3';
  /** A URL the client PUTs the bytes to until `expiresAt`. */
  signUpload(key: string, contentType: string, expiresAt: Date): Promise<SignedUpload>;
  /** A URL that reads the object until `expiresAt`. */
  signDownload(key: string, expiresAt: Date, fileName: string, contentType: string): Promise<string>;
  /** The object's bytes, or null when it is missing or larger than `maxBytes`. */
  read(key: string, maxBytes: number): Promise<Buffer | null>;
  write(key: string, bytes: Buffer, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A store by its settings: `s3://bucket?endpoint=…&region=…` or a directory. */
export type FileStoreSettings =
  | { kind: 'directory'; dir: string; /** Base URL clients reach this process at (default: its own URL). */ publicUrl?: string }
  | { kind: 's3'; url: string };

/** Object keys are ours (ids and a stage), never a client's file name: no path tricks. */
export const SAFE_KEY = /^[a-z0-9][a-z0-9/._-]{0,200}$/;

export function assertSafeKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe object key: ${key}`);
  return key;
}
