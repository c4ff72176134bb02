import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey, type LinkLife, type ObjectStore, type SignedUpload } from './store';

/** The largest body the directory store accepts on a PUT (the attachment rules check the real limit). */
const MAX_PUT_BYTES = 12 * 1024 * 1024;
export const FILES_ROUTE = '/files/';

/**
 * Embedded mode's store: files under a directory, moved through this
 * process's own `/files/<key>` route with HMAC-signed, expiring URLs (the
 * same shape as S3's presigned URLs, so clients treat both alike). The
 * signing key is made at start: links die with the process, which is fine
 * for 15-minute links.
 */
export class DirectoryObjectStore implements ObjectStore {
  readonly kind = 'directory' as const;
  private readonly key = randomBytes(32);
  private baseUrl = '';

  constructor(
    private readonly dir: string,
    publicUrl?: string,
  ) {
    if (publicUrl) this.baseUrl = publicUrl.replace(/\/$/, '');
  }

  /** Called once the server listens, unless a public URL was configured. */
  setBaseUrl(url: string) {
    if (!this.baseUrl) this.baseUrl = url.replace(/\/graphql$/, '').replace(/\/$/, '');
  }

  private file(key: string) {
    return path.join(this.dir, assertSafeKey(key));
  }

  private sign(op: 'get' | 'put', key: string, exp: number, contentType: string): string {
    return createHmac('sha256', this.key).update(`${op}\n${key}\n${exp}\n${contentType}`).digest('hex');
  }

  private url(op: 'get' | 'put', key: string, link: LinkLife, contentType: string, fileName?: string): string {
    const exp = Math.floor(link.now.getTime() / 1000) + link.ttlSeconds;
    const q = new URLSearchParams({ op, exp: String(exp), sig: this.sign(op, key, exp, contentType) });
    if (op === 'get') q.set('type', contentType);
    if (fileName) q.set('name', fileName);
    return `${this.baseUrl}${FILES_ROUTE}${assertSafeKey(key)}?${q}`;
  }

  async signUpload(key: string, contentType: string, link: LinkLife): Promise<SignedUpload> {
    return { url: this.url('put', key, link, contentType), headers: [{ name: 'content-type', value: contentType }] };
  }

  async signDownload(key: string, link: LinkLife, fileName: string, contentType: string): Promise<string> {
    return this.url('get', key, link, contentType, fileName);
  }

  async read(key: string, maxBytes: number): Promise<Buffer | null> {
    const f = this.file(key);
    const s = await stat(f).catch(() => null);
    if (!s || s.size > maxBytes) return null;
    return readFile(f);
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    const f = this.file(key);
    await mkdir(path.dirname(f), { recursive: true });
    const tmp = `${f}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, f);
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  /** Serves `PUT|GET /files/<key>?op=…&exp=…&sig=…`; answers 403 for a bad or expired signature. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, now: Date): Promise<void> {
    const key = decodeURIComponent(url.pathname.slice(FILES_ROUTE.length));
    const op = url.searchParams.get('op');
    const exp = Number(url.searchParams.get('exp'));
    const given = url.searchParams.get('sig') ?? '';
    const deny = (status: number, message: string) => {
      res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
      res.end(message);
    };
    let safe = true;
    try {
      assertSafeKey(key);
    } catch {
      safe = false;
    }
    const method = req.method === 'PUT' ? 'put' : req.method === 'GET' ? 'get' : null;
    if (!safe || !method || op !== method || !Number.isFinite(exp)) return deny(400, 'bad request');
    const contentType = method === 'put' ? String(req.headers['content-type'] ?? '') : (url.searchParams.get('type') ?? '');
    const expected = Buffer.from(this.sign(method, key, exp, contentType), 'hex');
    const got = Buffer.from(/^[0-9a-f]{64}$/.test(given) ? given : '', 'hex');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) return deny(403, 'signature does not match');
    if (exp * 1000 < now.getTime()) return deny(403, 'link expired');
    if (method === 'put') {
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (!Number.isFinite(declared) || declared > MAX_PUT_BYTES) return deny(413, 'too large');
      const f = this.file(key);
      await mkdir(path.dirname(f), { recursive: true });
      const tmp = `${f}.${randomBytes(4).toString('hex')}.tmp`;
      await pipeline(req, createWriteStream(tmp));
      await rename(tmp, f);
      res.writeHead(200, { 'content-length': '0' });
      res.end();
      return;
    }
    const bytes = await readFile(this.file(key)).catch(() => null);
    if (!bytes) return deny(404, 'not found');
    const name = url.searchParams.get('name') ?? 'file';
    res.writeHead(200, {
      'content-type': contentType,
      'content-length': String(bytes.length),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=900',
    });
    res.end(bytes);
  }
}
