import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startTestObjectStore, type TestObjectStore } from '@linli/testing';
import { DirectoryObjectStore, FILES_ROUTE } from './directory.store';
import { S3ObjectStore } from './s3.store';

const T0 = new Date('2026-11-22T01:00:00.000Z');
const link = { now: T0, ttlSeconds: 900 };

describe('DirectoryObjectStore (embedded mode) behind its /files/ route', () => {
  let dir: string;
  let server: http.Server;
  let store: DirectoryObjectStore;
  let now = T0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'linli-files-'));
    store = new DirectoryObjectStore(dir);
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith(FILES_ROUTE)) void store.handle(req, res, url, now);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    store.setBaseUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a PUT on a signed URL and serves it back on a signed link', async () => {
    const up = await store.signUpload('tickets/t1/a1/upload', 'image/png', link);
    expect((await fetch(up.url, { method: 'PUT', body: 'bytes', headers: { 'content-type': 'image/png' } })).status).toBe(200);
    expect((await store.read('tickets/t1/a1/upload', 100))?.toString()).toBe('bytes');
    expect(await store.read('tickets/t1/a1/upload', 2)).toBeNull();
    const down = await fetch(await store.signDownload('tickets/t1/a1/upload', link, '照片.png', 'image/png'));
    expect([down.status, down.headers.get('content-type'), await down.text()]).toEqual([200, 'image/png', 'bytes']);
  });

  it('refuses a changed signature, another content type, the wrong method, an expired link and a path outside the store', async () => {
    const up = await store.signUpload('tickets/t1/a2/upload', 'image/png', link);
    const put = (url: string, type = 'image/png') => fetch(url, { method: 'PUT', body: 'x', headers: { 'content-type': type } }).then((r) => r.status);
    expect(await put(up.url.replace(/sig=[0-9a-f]{64}/, `sig=${'0'.repeat(64)}`))).toBe(403);
    expect(await put(up.url, 'application/pdf')).toBe(403);
    expect(await put(up.url.replace('a2', 'a3'))).toBe(403);
    expect((await fetch(up.url)).status).toBe(400);
    now = new Date(T0.getTime() + 901_000);
    expect(await put(up.url)).toBe(403);
    now = T0;
    // Dot segments: a plain one never reaches the route (URLs normalise it), an encoded one is refused.
    expect(await put(up.url.replace('tickets/t1/a2/upload', 'tickets/../../etc/passwd'))).toBe(404);
    expect(await put(up.url.replace('tickets/t1/a2/upload', 'tickets%2F..%2F..%2Fetc%2Fpasswd'))).toBe(400);
    expect(await store.read('tickets/t1/a2/upload', 100)).toBeNull();
  });
});

describe('S3ObjectStore (distributed mode) against an S3-compatible server', () => {
  let s3: TestObjectStore;
  let store: S3ObjectStore;

  beforeAll(async () => {
    s3 = await startTestObjectStore('kit');
    store = new S3ObjectStore(s3.url, s3.credentials);
  });
  afterAll(() => s3.stop());

  it('writes, reads, signs an upload and a download, and removes', async () => {
    await store.write('tickets/t/a/file', Buffer.from('%PDF-1.7'), 'application/pdf');
    expect((await store.read('tickets/t/a/file', 100))?.toString()).toBe('%PDF-1.7');
    expect(await store.read('tickets/t/a/file', 3)).toBeNull();
    const up = await store.signUpload('tickets/t/b/upload', 'image/jpeg', { now: new Date(), ttlSeconds: 900 });
    expect(up.url).toContain('X-Amz-Expires=900');
    expect(up.headers).toEqual([{ name: 'content-type', value: 'image/jpeg' }]);
    expect((await fetch(up.url, { method: 'PUT', body: 'jpeg-bytes', headers: { 'content-type': 'image/jpeg' } })).status).toBe(200);
    const down = await fetch(await store.signDownload('tickets/t/b/upload', { now: new Date(), ttlSeconds: 900 }, 'a.jpg', 'image/jpeg'));
    expect([down.status, await down.text()]).toEqual([200, 'jpeg-bytes']);
    await store.remove('tickets/t/b/upload');
    expect(await store.read('tickets/t/b/upload', 100)).toBeNull();
  });

  it('refuses keys that are not ours and URLs that carry credentials', async () => {
    await expect(store.signUpload('../x', 'image/png', { now: new Date(), ttlSeconds: 1 })).rejects.toThrow(/unsafe/);
    expect(() => new S3ObjectStore('s3://key:secret@bucket')).toThrow(/credentials/);
    expect(() => new S3ObjectStore('https://bucket')).toThrow(/s3:\/\//);
  });
});
