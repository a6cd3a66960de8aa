/**
 * Scans one QR code with the camera and resolves with its text, or `null` when the person cancels.
 * Rejects with a `ScanError` (Chinese message) when scanning is impossible.
 * weapp: the native scanner; H5: a camera overlay decoding frames with jsQR.
 */
export declare function scanQrCode(): Promise<string | null>;
