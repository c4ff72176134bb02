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

export interface LinkLife {
  now: Date;
  ttlSeconds: number;
}

export interface ObjectStore {
  readonly kind: 'directory' | 's3';
  /**
   * A URL the client PUTs the bytes to for `link.ttlSeconds` from `link.now`.
   * (`now` is the service's clock, which tests move; an S3 store signs with
   * the real clock, as S3 checks expiry against its own.)
   */
  signUpload(key: string, contentType: string, link: LinkLife): Promise<SignedUpload>;
  /** A URL that reads the object for `link.ttlSeconds`. */
  signDownload(key: string, link: LinkLife, fileName: string, contentType: string): Promise<string>;
  /** The object's bytes, or null when it is missing or larger than `maxBytes`. */
  read(key: string, maxBytes: number): Promise<Buffer | null>;
  write(key: string, bytes: Buffer, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A store by its settings: `s3://bucket?endpoint=…&region=…` or a directory. */
export type FileStoreSettings =
  | { kind: 'directory'; dir: string; /** Base URL clients reach this process at (default: its own URL). */ publicUrl?: string }
  | { kind: 's3'; url: string; /** Tests only; deployments use the SDK's chain (AWS_ACCESS_KEY_ID…, roles). */ credentials?: { accessKeyId: string; secretAccessKey: string } };

/** Object keys are ours (ids and a stage), never a client's file name: no path tricks. */
export const SAFE_KEY = /^[a-z0-9][a-z0-9/._-]{0,200}$/;

export function assertSafeKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe object key: ${key}`);
  return key;
}
