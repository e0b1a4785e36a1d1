import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AwsRequest, AwsResponse, AwsService } from '../endpoint';
import { DeliveryWorker } from './engine/delivery-worker';
import { EventDispatcher } from './engine/event-dispatcher';
import { ReplayRunner } from './engine/replay-runner';
import { RoutingTable } from './engine/routing-table';
import { RuleCounters, type RuleStats } from './engine/rule-counters';
import { TargetSender } from './engine/target-sender';
import { EventBridgeError } from './errors';
import { ensureDefaultBus } from './operations/event-bus-operations';
import type { OperationContext } from './operations/operation-context';
import { OPERATIONS } from './operations/operation-table';
import type { LambdaInvoker, SqsTargetPort } from './ports';
import { eventBridgeInput } from './protocol/eventbridge-input';
import {
  errorResponse,
  isEventBridgeRequest,
  jsonResponse,
  parseJsonRequest,
} from './protocol/json-protocol';
import { EventBridgeArns } from './records/aws-identity';
import { EventBridgeStore } from './store/eventbridge-store';

/** How to build the EventBridge service. */
export interface EventBridgeServiceOptions {
  /**
   * Folder of the local cloud's state; the service keeps `eventbridge.db` there.
   * @default - an in-memory store that does not survive a restart
   */
  readonly dataDir?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /**
   * Delivers to SQS targets and dead-letter queues.
   * @default - SQS targets are unreachable (deliveries retry, then dead-letter)
   */
  readonly sqs?: SqsTargetPort;
  /**
   * Invokes Lambda targets.
   * @default - Lambda targets are unreachable
   */
  readonly lambda?: LambdaInvoker;
  /** First retry delay, doubled per retry. @default 1000 */
  readonly retryBaseDelayMs?: number;
  /** Longest retry delay. @default 60000 */
  readonly retryMaxDelayMs?: number;
  /** Deliveries in flight at once. @default 16 */
  readonly deliveryConcurrency?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Amazon EventBridge on the local AWS endpoint (JSON 1.1 protocol, `X-Amz-Target: AWSEvents.*`):
 * buses, rules, targets, PutEvents with asynchronous, retried delivery to SQS and Lambda
 * targets, archives and replays, all kept in its own SQLite file so acknowledged writes and
 * pending deliveries survive a crash.
 */
export class EventBridgeService implements AwsService {
  readonly name = 'eventbridge';
  readonly signingName = 'events';
  private readonly store: EventBridgeStore;
  private readonly sender: TargetSender;
  private readonly worker: DeliveryWorker;
  private readonly replays: ReplayRunner;
  private readonly context: OperationContext;
  private readonly ruleCounters = new RuleCounters();
  private readonly retentionTimer: NodeJS.Timeout;
  private closed = false;

  /**
   * Opens the store, creates the default bus, and resumes the deliveries and replays a
   * previous run left pending. The work is synchronous; the promise gives every service one way
   * to start, and rejects on a failure.
   */
  static start(options: EventBridgeServiceOptions = {}): Promise<EventBridgeService> {
    return new Promise((resolve) => resolve(new EventBridgeService(options)));
  }

  private constructor(options: EventBridgeServiceOptions) {
    const now = options.now ?? Date.now;
    const region = options.region ?? 'us-east-1';
    if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
    this.store = new EventBridgeStore(
      options.dataDir === undefined ? ':memory:' : path.join(options.dataDir, 'eventbridge.db'),
    );
    this.sender = new TargetSender(options.sqs, options.lambda);
    this.worker = new DeliveryWorker(this.store, this.sender, this.ruleCounters, {
      baseDelayMs: options.retryBaseDelayMs ?? 1000,
      maxDelayMs: options.retryMaxDelayMs ?? 60_000,
      concurrency: options.deliveryConcurrency ?? 16,
      now,
    });
    const routing = new RoutingTable(this.store);
    const dispatcher = new EventDispatcher(this.store, routing, this.ruleCounters, () =>
      this.worker.notify(),
    );
    this.replays = new ReplayRunner(this.store, dispatcher, now);
    this.context = {
      store: this.store,
      arns: new EventBridgeArns(region),
      routing,
      dispatcher,
      replays: this.replays,
      ruleCounters: this.ruleCounters,
      region,
      now,
    };
    ensureDefaultBus(this.context);
    this.expireArchivedEvents();
    this.retentionTimer = setInterval(() => this.expireArchivedEvents(), HOUR_MS);
    this.retentionTimer.unref();
    // Deliveries and replays left pending by a previous run continue now.
    this.worker.notify();
    this.replays.resumeUnfinished();
  }

  canHandle(request: AwsRequest): boolean {
    return isEventBridgeRequest(request);
  }

  handle(request: AwsRequest): Promise<AwsResponse> {
    return Promise.resolve(this.respond(request));
  }

  /** Answers every request, errors included: nothing it throws escapes as a rejection. */
  private respond(request: AwsRequest): AwsResponse {
    try {
      if (this.closed)
        throw new EventBridgeError('ServiceUnavailableException', 'The service is shutting down.', 503);
      const { operation, input } = parseJsonRequest(request);
      const run = OPERATIONS.get(operation);
      if (!run) throw new EventBridgeError('UnknownOperationException', `Unknown operation ${operation}.`);
      return jsonResponse(run(this.context, eventBridgeInput(input)));
    } catch (error) {
      return errorResponse(error);
    }
  }

  /** Resolves when no delivery is pending or in flight and no replay is running. */
  async settled(): Promise<void> {
    await this.replays.idle();
    await this.worker.drained();
  }

  /** Events that failed for good with no dead-letter queue to take them (kept, never dropped silently). */
  deadLetterCount(): number {
    return this.store.deadLetterCount();
  }

  /**
   * Every rule of every bus (by bus, then name) with the events it matched and the deliveries
   * to its targets that failed for good since this service started; empty once closed.
   */
  ruleStats(): RuleStats[] {
    if (this.closed) return [];
    const rules = this.store.listBuses().flatMap((bus) => this.store.listRules(bus.name));
    return this.ruleCounters.statsOf(rules);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.retentionTimer);
    await this.replays.stop();
    await this.worker.stop();
    this.store.close();
  }

  private expireArchivedEvents(): void {
    const now = this.context.now();
    for (const archive of this.store.listArchives()) {
      if (archive.retentionDays > 0)
        this.store.expireArchiveEvents(archive.name, now - archive.retentionDays * DAY_MS);
    }
  }
}
