import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { badInput, forbidden, notFound } from '@linli/platform';
import type { Command, ObjectStore } from '@linli/subgraph-kit';
import { withoutMetadata } from './attachment.clean';
import { TicketAttachmentEntity } from './attachment.entity';
import {
  LINK_TTL_MS,
  MAX_ATTACHMENT_BYTES,
  checkUploadRequest,
  checkUploadedBytes,
  cleanFileName,
  mayUploadAt,
  type AttachmentType,
} from './attachment.rules';
import type { RequestUploadInput } from './attachment.type';
import { seenTicket } from './seen-ticket';

/** Where an attachment's bytes live: the client's upload, then the cleaned file everyone else reads. */
export const uploadKey = (a: Pick<TicketAttachmentEntity, 'ticketId' | 'id'>) => `tickets/${a.ticketId}/${a.id}/upload`;
export const fileKey = (a: Pick<TicketAttachmentEntity, 'ticketId' | 'id'>) => `tickets/${a.ticketId}/${a.id}/file`;

function storeOf(files: ObjectStore | null): ObjectStore {
  if (!files) throw new Error('the tickets subgraph runs without a file store');
  return files;
}

/** Step 1: checks who and what, then hands out a signed PUT URL valid 15 minutes. */
export async function requestUpload(em: EntityManager, cmd: Command, files: ObjectStore | null, input: RequestUploadInput) {
  const { row, facts, viewer } = await seenTicket(em, cmd.actor, input.ticketId, { lock: true });
  if (!mayUploadAt(viewer, facts, input.stage)) throw forbidden();
  const fileName = cleanFileName(input.fileName);
  if (!fileName) throw badInput('fileName', 'fileName must be 1–200 characters');
  const already = await em.count(TicketAttachmentEntity, {
    ticketId: row.id,
    stage: input.stage,
    $or: [{ state: 'COMPLETE' }, { state: 'PENDING', expiresAt: { $gt: cmd.now } }],
  });
  const problem = checkUploadRequest(input, already);
  if (problem) throw badInput(problem.field, problem.message);
  const expiresAt = new Date(cmd.now.getTime() + LINK_TTL_MS);
  const attachment = em.create(TicketAttachmentEntity, {
    id: randomUUID(),
    ticketId: row.id,
    stage: input.stage,
    state: 'PENDING',
    fileName,
    contentType: input.contentType,
    byteSize: input.byteSize,
    sha256: input.sha256.toLowerCase(),
    uploadedById: cmd.actor.personId,
    requestedAt: cmd.now,
    expiresAt,
    uploadedAt: null,
  });
  const signed = await storeOf(files).signUpload(uploadKey(attachment), input.contentType, { now: cmd.now, ttlSeconds: LINK_TTL_MS / 1000 });
  return { attachment, uploadUrl: signed.url, uploadHeaders: signed.headers, expiresAt };
}

/**
 * Step 2, by the uploader: the bytes must have arrived before the URL
 * expired, with the declared size and SHA-256, and be of the declared type
 * by their own first bytes. Images are re-encoded without location and
 * camera metadata before the attachment is listed; the raw upload is removed.
 * A refused upload changes nothing but removes what was sent.
 */
export async function completeUpload(em: EntityManager, cmd: Command, files: ObjectStore | null, id: string): Promise<TicketAttachmentEntity> {
  const store = storeOf(files);
  const a = await em.findOne(TicketAttachmentEntity, { id });
  if (!a) throw notFound('Attachment');
  // The uploader alone completes; the ticket's rules still apply (someone who lost sight of it cannot).
  if (a.uploadedById !== cmd.actor.personId) throw forbidden();
  await seenTicket(em, cmd.actor, a.ticketId);
  if (a.state === 'COMPLETE') return a;
  if (a.expiresAt.getTime() < cmd.now.getTime()) throw badInput('id', 'The upload URL expired: request a new upload');
  const bytes = await store.read(uploadKey(a), MAX_ATTACHMENT_BYTES);
  if (!bytes) throw badInput('id', 'No upload of at most 10 MB arrived for this attachment');
  const problem = checkUploadedBytes(a, bytes, createHash('sha256').update(bytes).digest('hex'));
  if (problem) {
    await store.remove(uploadKey(a));
    throw badInput(problem.field, problem.message);
  }
  let clean: Buffer;
  try {
    clean = await withoutMetadata(bytes, a.contentType as AttachmentType);
  } catch {
    await store.remove(uploadKey(a));
    throw badInput('contentType', `The file is not a readable ${a.contentType}`);
  }
  await store.write(fileKey(a), clean, a.contentType);
  await store.remove(uploadKey(a));
  a.state = 'COMPLETE';
  a.byteSize = clean.length;
  a.uploadedAt = cmd.now;
  return a;
}
