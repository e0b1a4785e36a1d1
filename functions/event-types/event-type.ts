import type * as z from '../shared/zod';

/**
 * One event type: its `detail-type` on the bus and the schema of its `data`. The schema is the
 * single source of truth for ingest validation, the API Gateway model and every consumer.
 */
export interface EventType<Data = unknown> {
  /** The EventBridge `detail-type`, e.g. `order.placed`. */
  readonly name: string;
  readonly description: string;
  readonly dataSchema: z.ZodMiniType<Data>;
  /** Emitted by Switchyard itself; clients may not publish it through `POST /events`. */
  readonly internal?: boolean;
}
