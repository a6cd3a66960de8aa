/** The image type from the file's first bytes (the declared content type is not trusted). */
export function sniffImageType(data: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type MediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'video/mp4' | 'audio/mp4' | 'video/webm' | 'audio/mpeg' | 'application/pdf';

/**
 * The media type from the first bytes (≥ 12): images, MP4/M4A (ISO BMFF `ftyp`), WebM (EBML), MP3
 * (ID3 tag or an MPEG audio frame header) and PDF. A WebM file is reported as video/webm.
 */
export function sniffMediaType(head: Buffer): MediaType | null {
  const image = sniffImageType(head);
  if (image) return image;
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') {
    const brand = head.toString('latin1', 8, 12);
    return brand === 'M4A ' || brand === 'M4B ' ? 'audio/mp4' : 'video/mp4';
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'video/webm';
  if (head.length >= 5 && head.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'ID3') return 'audio/mpeg';
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) !== 0) return 'audio/mpeg';
  return null;
}
