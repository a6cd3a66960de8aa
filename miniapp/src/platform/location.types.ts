/** The device's position could not be read, with a Chinese reason the person can act on. */
export class LocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocationError';
  }
}

/** How long to wait for a position before giving up (a GPS fix indoors can take long). */
export const LOCATION_TIMEOUT_MS = 10_000;
