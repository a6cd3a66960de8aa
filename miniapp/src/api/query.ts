import type { z } from 'zod';

/**
 * A list endpoint's query as the mini-program writes it, from the schema the server validates with
 * (issue 19: one shape). `page`/`pageSize` are coerced from strings on the server, so their input type is
 * `unknown`; here they are numbers.
 */
export type QueryOf<S extends z.ZodType> = Omit<z.input<S>, 'page' | 'pageSize'> & { page?: number; pageSize?: number };
