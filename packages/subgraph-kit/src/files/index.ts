import { DirectoryObjectStore } from './directory.store';
import { S3ObjectStore } from './s3.store';
import type { FileStoreSettings, ObjectStore } from './store';

export * from './store';
export { DirectoryObjectStore, FILES_ROUTE } from './directory.store';
export { S3ObjectStore } from './s3.store';

export function openObjectStore(settings: FileStoreSettings): ObjectStore {
  return settings.kind === 's3' ? new S3ObjectStore(settings.url, settings.credentials) : new DirectoryObjectStore(settings.dir, settings.publicUrl);
}
