import { Foundation1763800000000 } from './1763800000000-foundation.js';

/** In order. Each module that changes the schema adds its migration class here. */
export const MIGRATIONS = [Foundation1763800000000];
