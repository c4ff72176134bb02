import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uniqueName } from './names';

export interface TestObjectStore {
  /** `s3://<bucket>?endpoint=http://127.0.0.1:<port>&region=us-east-1` */
  url: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  bucket: string;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible server for tests: s3rver (from npm; no MinIO or other
 * S3 server is in the registries reached here) on a free loopback port with
 * its own directory and a fresh bucket. It speaks the S3 REST API the AWS SDK
 * uses; it does not check signatures, so expiry and signature checks are
 * asserted on our side (completeUpload refuses an expired upload).
 */
export async function startTestObjectStore(label = 'files'): Promise<TestObjectStore> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver') as new (opts: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void> };
  const directory = mkdtempSync(path.join(os.tmpdir(), 'linli-s3-'));
  const bucket = uniqueName('s3', label).replace(/_/g, '-');
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    url: `s3://${bucket}?endpoint=${encodeURIComponent(`http://127.0.0.1:${port}`)}&region=us-east-1`,
    // s3rver's fixed development credentials.
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    bucket,
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
