import type { ErrorDetail } from './errors';
import type * as z from './zod';

/** Turns zod issues into error details that name each offending field by its dotted path. */
export const issuesToDetails = (
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): ErrorDetail[] =>
  issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
