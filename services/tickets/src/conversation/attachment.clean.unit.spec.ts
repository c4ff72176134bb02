import sharp from 'sharp';
import { withoutMetadata } from './attachment.clean';

describe('withoutMetadata', () => {
  it('drops EXIF (GPS, camera) from a JPEG and keeps the picture', async () => {
    const photo = await sharp({ create: { width: 8, height: 6, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 15/1 0/1' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    expect(photo.includes(Buffer.from('PhoneMaker'))).toBe(true);

    const clean = await withoutMetadata(photo, 'image/jpeg');
    const meta = await sharp(clean).metadata();
    expect(meta.exif).toBeUndefined();
    expect(clean.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 8, 6]);
  });

  it('re-encodes PNG and WebP without metadata; leaves PDFs as they are', async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 4, background: '#00ff00' } });
    const png = await base.clone().png().withExif({ IFD0: { Make: 'PhoneMaker' } }).toBuffer();
    const webp = await base.clone().webp().withExif({ IFD0: { Make: 'PhoneMaker' } }).toBuffer();
    expect((await sharp(await withoutMetadata(png, 'image/png')).metadata()).exif).toBeUndefined();
    expect((await sharp(await withoutMetadata(webp, 'image/webp')).metadata()).exif).toBeUndefined();
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    expect(await withoutMetadata(pdf, 'application/pdf')).toBe(pdf);
  });

  it('refuses bytes that only pretend to be an image', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('MZ this is not a picture')]);
    await expect(withoutMetadata(fake, 'image/jpeg')).rejects.toThrow();
  });
});
