import sharp from 'sharp';
import type { AttachmentType } from './attachment.rules';

/**
 * Removes location and camera metadata (EXIF, XMP, IPTC) from an image
 * before anyone else can read it: the pixels are decoded and re-encoded in
 * the same format, which writes no metadata (sharp keeps none unless asked).
 * The EXIF orientation is applied first so the photo still stands upright.
 * PDFs are stored as uploaded.
 */
export async function withoutMetadata(bytes: Buffer, type: AttachmentType): Promise<Buffer> {
  if (type === 'application/pdf') return bytes;
  const image = sharp(bytes, { failOn: 'error' }).rotate();
  switch (type) {
    case 'image/jpeg':
      return image.jpeg({ quality: 90 }).toBuffer();
    case 'image/png':
      return image.png().toBuffer();
    case 'image/webp':
      return image.webp({ quality: 90 }).toBuffer();
  }
}
