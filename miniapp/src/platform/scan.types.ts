/** Scanning failed for a reason the person can act on (no camera, permission refused). */
export class ScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanError';
  }
}
