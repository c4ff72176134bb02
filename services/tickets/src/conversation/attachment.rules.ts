import { hasRole, type Role } from '@linli/platform';
import { actsFor, inScope, isReporter, isSystemAdmin, type TicketFacts, type Viewer } from '../ticket/ticket.access';

// Contract "Ticket conversation" → attachments: what may be uploaded, by
// whom, and how a file's real type is told from its bytes (never from the
// name or the declared type alone).

export type AttachmentStage = 'SUBMISSION' | 'RESOLUTION' | 'COMMENT';
export const ATTACHMENT_STAGES: readonly AttachmentStage[] = ['SUBMISSION', 'RESOLUTION', 'COMMENT'];

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_STAGE = 9;
/** Upload URLs and download links both live 15 minutes. */
export const LINK_TTL_MS = 15 * 60 * 1000;

export const isAttachmentType = (t: string): t is AttachmentType => (ATTACHMENT_TYPES as readonly string[]).includes(t);
export const isSha256Hex = (s: string) => /^[0-9a-f]{64}$/i.test(s);

/** The real type of a file from its first bytes (magic numbers), or null for anything we don't accept. */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  const at = (i: number, ...b: number[]) => b.every((x, j) => bytes[i + j] === x);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  if (at(0, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}

/** A display name only (objects are stored under ids): no path, no control characters, 1–200 characters. */
export function cleanFileName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const v = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const length = [...v].length;
  return length >= 1 && length <= 200 && v !== '.' && v !== '..' ? v : null;
}

/** Staff who may add evidence of what was reported: community staff, grid workers and admins of the ticket's scope. */
const SCOPE_EVIDENCE: readonly Role[] = ['COMMUNITY_STAFF', 'GRID_WORKER', 'STREET_ADMIN', 'DISTRICT_ADMIN'];

/**
 * Who may upload at a stage (the caller already sees the ticket):
 * SUBMISSION the reporter or staff of the scope; RESOLUTION the assignee's
 * staff; COMMENT anyone who may comment.
 */
export function mayUploadAt(v: Viewer, t: TicketFacts, stage: AttachmentStage): boolean {
  if (isSystemAdmin(v)) return true;
  switch (stage) {
    case 'SUBMISSION':
      return isReporter(v, t) || (hasRole(v.actor, ...SCOPE_EVIDENCE) && inScope(v, t.scopePath));
    case 'RESOLUTION':
      return actsFor(v.actor, t.assigneeId);
    case 'COMMENT':
      return true;
  }
}

export type UploadProblem = { field: string; message: string } | null;

/** Checks the declared upload before any URL is handed out. */
export function checkUploadRequest(input: { contentType: string; byteSize: number; sha256: string }, alreadyAtStage: number): UploadProblem {
  if (!isAttachmentType(input.contentType)) return { field: 'contentType', message: `contentType must be one of ${ATTACHMENT_TYPES.join(', ')}` };
  if (!Number.isInteger(input.byteSize) || input.byteSize < 1 || input.byteSize > MAX_ATTACHMENT_BYTES) {
    return { field: 'byteSize', message: 'byteSize must be between 1 byte and 10 MB' };
  }
  if (!isSha256Hex(input.sha256)) return { field: 'sha256', message: 'sha256 must be 64 hexadecimal characters' };
  if (alreadyAtStage >= MAX_ATTACHMENTS_PER_STAGE) return { field: 'stage', message: `At most ${MAX_ATTACHMENTS_PER_STAGE} attachments per ticket and stage` };
  return null;
}

/** Checks the bytes that arrived against what was declared: size, SHA-256, and the real type. */
export function checkUploadedBytes(declared: { contentType: string; byteSize: number; sha256: string }, bytes: Uint8Array, actualSha256: string): UploadProblem {
  if (bytes.length !== declared.byteSize) return { field: 'byteSize', message: `The upload has ${bytes.length} bytes, not the declared ${declared.byteSize}` };
  if (actualSha256.toLowerCase() !== declared.sha256.toLowerCase()) return { field: 'sha256', message: 'The upload does not match the declared SHA-256' };
  const real = sniffType(bytes);
  if (real !== declared.contentType) return { field: 'contentType', message: `The file is not a ${declared.contentType}` };
  return null;
}
