import type * as z from 'zod/mini';
import type {
  acceptedTaskSchema,
  errorBodySchema,
  flowViewSchema,
  livenessSchema,
  publishResultsSchema,
  taskViewSchema,
} from '../../functions/api-contract/response-schemas';

/*
 * The API's answers as the contract types them. Types only: the scenarios are a client and load
 * none of the functions' code; a body gets one of these types once the OpenAPI validator has
 * checked it against the document generated from the same schemas.
 */

export type Liveness = z.infer<typeof livenessSchema>;
export type AcceptedTask = z.infer<typeof acceptedTaskSchema>;
export type TaskView = z.infer<typeof taskViewSchema>;
export type PublishResults = z.infer<typeof publishResultsSchema>;
export type FlowView = z.infer<typeof flowViewSchema>;
export type FlowEntry = FlowView['timeline'][number];
export type ErrorBody = z.infer<typeof errorBodySchema>;
