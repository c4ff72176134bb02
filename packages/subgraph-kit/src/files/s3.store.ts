import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertSafeKey, type LinkLife, type ObjectStore, type SignedUpload } from './store';

/**
 * Distributed mode's store: any S3-compatible service, named by
 * `OBJECT_STORE_URL` = `s3://<bucket>?endpoint=<http(s) URL>&region=<r>`
 * (endpoint optional for AWS itself; path-style addressing when an endpoint
 * is given). Credentials come from the SDK's usual chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a role…), never from the URL.
 */
export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settingsUrl: string, credentials?: { accessKeyId: string; secretAccessKey: string }) {
    const u = new URL(settingsUrl);
    if (u.protocol !== 's3:' || !u.hostname) throw new Error('OBJECT_STORE_URL must look like s3://<bucket>?endpoint=…&region=…');
    if (u.username || u.password) throw new Error('OBJECT_STORE_URL must not carry credentials: use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY');
    this.bucket = u.hostname;
    const endpoint = u.searchParams.get('endpoint') ?? undefined;
    this.client = new S3Client({
      region: u.searchParams.get('region') ?? 'us-east-1',
      endpoint,
      forcePathStyle: !!endpoint,
      credentials,
      // Uploads are single PUTs of at most 10 MB; no multipart, no waiting on a hung store.
      maxAttempts: 3,
    });
  }

  async signUpload(key: string, contentType: string, link: LinkLife): Promise<SignedUpload> {
    const expiresIn = link.ttlSeconds;
    const url = await getSignedUrl(this.client, new PutObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key), ContentType: contentType }), {
      expiresIn,
      signableHeaders: new Set(['content-type']),
    });
    return { url, headers: [{ name: 'content-type', value: contentType }] };
  }

  async signDownload(key: string, link: LinkLife, fileName: string, contentType: string): Promise<string> {
    const expiresIn = link.ttlSeconds;
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: assertSafeKey(key),
        ResponseContentType: contentType,
        ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      }),
      { expiresIn },
    );
  }

  async read(key: string, maxBytes: number): Promise<Buffer | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) }));
      if ((head.ContentLength ?? 0) > maxBytes) return null;
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = Buffer.from(await got.Body!.transformToByteArray());
      return bytes.length > maxBytes ? null : bytes;
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (e as Error).name === 'NotFound' || (e as Error).name === 'NoSuchKey') return null;
      throw e;
    }
  }

  async write(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key), Body: bytes, ContentType: contentType }));
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: assertSafeKey(key) }));
  }
}
