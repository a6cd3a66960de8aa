/** Origin the API lives on: '' (same origin) on H5, the configured server for the mini-program. */
export declare const API_BASE: string;
