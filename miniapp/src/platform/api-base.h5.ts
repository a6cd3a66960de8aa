// The server hosts the H5 build itself, so relative URLs reach the API on the same origin.
export const API_BASE = '';
