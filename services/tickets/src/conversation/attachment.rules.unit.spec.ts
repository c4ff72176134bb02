import { createHash } from 'node:crypto';
import type { Role } from '@linli/platform';
import type { TicketFacts, Viewer } from '../ticket/ticket.access';
import { checkUploadRequest, checkUploadedBytes, cleanFileName, mayUploadAt, sniffType, MAX_ATTACHMENT_BYTES } from './attachment.rules';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]);
const PDF = Buffer.from('%PDF-1.7\n');
const ELF = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('attachment rules', () => {
  it('tell the real type from the bytes', () => {
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(WEBP)).toBe('image/webp');
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(ELF)).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });

  it('refuse a PNG header on an executable, a size or SHA-256 mismatch', () => {
    const exe = Uint8Array.from([...PNG.slice(0, 4), ...ELF]);
    expect(checkUploadedBytes({ contentType: 'image/png', byteSize: exe.length, sha256: sha(exe) }, exe, sha(exe))?.field).toBe('contentType');
    expect(checkUploadedBytes({ contentType: 'image/png', byteSize: PNG.length + 1, sha256: sha(PNG) }, PNG, sha(PNG))?.field).toBe('byteSize');
    expect(checkUploadedBytes({ contentType: 'image/png', byteSize: PNG.length, sha256: sha(JPEG) }, PNG, sha(PNG))?.field).toBe('sha256');
    expect(checkUploadedBytes({ contentType: 'image/png', byteSize: PNG.length, sha256: sha(PNG).toUpperCase() }, PNG, sha(PNG))).toBeNull();
    expect(checkUploadedBytes({ contentType: 'image/jpeg', byteSize: PNG.length, sha256: sha(PNG) }, PNG, sha(PNG))?.field).toBe('contentType');
  });

  it('check the declared upload: type, size up to 10 MB, hex SHA-256, nine per stage', () => {
    const ok = { contentType: 'image/png', byteSize: 100, sha256: sha(PNG) };
    expect(checkUploadRequest(ok, 0)).toBeNull();
    expect(checkUploadRequest(ok, 8)).toBeNull();
    expect(checkUploadRequest(ok, 9)?.field).toBe('stage');
    expect(checkUploadRequest({ ...ok, contentType: 'application/x-msdownload' }, 0)?.field).toBe('contentType');
    expect(checkUploadRequest({ ...ok, byteSize: MAX_ATTACHMENT_BYTES }, 0)).toBeNull();
    expect(checkUploadRequest({ ...ok, byteSize: MAX_ATTACHMENT_BYTES + 1 }, 0)?.field).toBe('byteSize');
    expect(checkUploadRequest({ ...ok, byteSize: 0 }, 0)?.field).toBe('byteSize');
    expect(checkUploadRequest({ ...ok, sha256: 'abc' }, 0)?.field).toBe('sha256');
  });

  it('keep only a display name', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\photos\\漏水.jpg')).toBe('漏水.jpg');
    expect(cleanFileName('  ')).toBeNull();
    expect(cleanFileName('a\u0000b.png')).toBe('ab.png');
    expect(cleanFileName('x'.repeat(201))).toBeNull();
  });

  it('let the reporter and scope staff add submission evidence, the assignee resolution evidence, anyone who sees it comment files', () => {
    const facts: TicketFacts = { reporterId: 'r', scopePath: '/d/s/c/', escalationLevel: 'COMPOUND', status: 'ACCEPTED', assigneeId: 'firm', handlerIds: [] };
    const v = (personId: string, roles: Role[], orgs: string[], prefixes: string[] = []): Viewer => ({
      actor: { personId, roles: new Set(roles), orgs },
      scopes: prefixes.map((prefix, i) => ({ id: orgs[i], kind: 'COMMUNITY', prefix })),
    });
    const reporter = v('r', ['RESIDENT'], []);
    const staff = v('s', ['COMMUNITY_STAFF'], ['c'], ['/d/s/c/']);
    const otherStaff = v('o', ['COMMUNITY_STAFF'], ['c2'], ['/d/s/c2/']);
    const firm = v('f', ['HANDLER_STAFF'], ['firm']);
    expect(mayUploadAt(reporter, facts, 'SUBMISSION')).toBe(true);
    expect(mayUploadAt(staff, facts, 'SUBMISSION')).toBe(true);
    expect(mayUploadAt(otherStaff, facts, 'SUBMISSION')).toBe(false);
    expect(mayUploadAt(firm, facts, 'SUBMISSION')).toBe(false);
    expect(mayUploadAt(firm, facts, 'RESOLUTION')).toBe(true);
    expect(mayUploadAt(staff, facts, 'RESOLUTION')).toBe(false);
    expect(mayUploadAt(reporter, facts, 'RESOLUTION')).toBe(false);
    expect(mayUploadAt(reporter, facts, 'COMMENT')).toBe(true);
  });
});
