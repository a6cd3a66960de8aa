import jsQRModule from 'jsqr';
import * as mupdf from 'mupdf';
import { PNG } from 'pngjs';

// jsqr is CommonJS with an ES-style default: the function is the module or its `default`, by loader.
type Decode = typeof jsQRModule.default;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as Decode;

/** Renders the first page of a PDF (MuPDF) and decodes the QR code on it (jsQR); null when none is found. */
export function qrOfPdf(pdf: Buffer): string | null {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pixmap = doc.loadPage(0).toPixmap(mupdf.Matrix.scale(1.5, 1.5), mupdf.ColorSpace.DeviceRGB, true, true);
  const png = PNG.sync.read(Buffer.from(pixmap.asPNG()));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}
