import { invalidParameter, queueDoesNotExist, SqsError } from './errors';
import {
  defaultQueueAttributes,
  isKnownQueueAttributeName,
  normalizeQueueAttributes,
} from './queue-attributes';
import { type QueueMetrics, queueMetrics } from './queue-metrics';
import { LOCAL_ACCOUNT_ID, queueArn, queueUrl } from './queue-reference';
import type { SqsQueue } from './sqs-queue';
import type { SqsState } from './sqs-state';

/** How a queue is named to callers. */
export interface QueueInfo {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly isFifo: boolean;
}

export interface QueueUrlPage {
  readonly queueUrls: string[];
  readonly nextToken?: string;
}

const PURGE_INTERVAL_MS = 60 * 1000;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
/** FIFO sequence numbers are 20 digits in SQS; counting starts here so they always are. */
const FIRST_SEQUENCE = 10_000_000_000_000_000_000n;
const MAX_TAGS = 50;

/** Queue-level operations: create, find, list, delete, attributes, tags, purge. */
export class QueueDirectory {
  constructor(
    private readonly state: SqsState,
    private readonly endpointUrl: () => string,
  ) {}

  info(queue: SqsQueue): QueueInfo {
    return {
      name: queue.name,
      url: queueUrl(this.endpointUrl(), queue.name),
      arn: queue.arn,
      isFifo: queue.isFifo,
    };
  }

  /** Creates a queue, or returns the existing one when every given attribute matches (as SQS does). */
  create(
    name: string,
    attributes: Readonly<Record<string, string>>,
    tags: Readonly<Record<string, string>>,
  ): QueueInfo {
    const isFifo = attributes.FifoQueue?.toLowerCase() === 'true';
    const baseName = isFifo ? name.replace(/\.fifo$/, '') : name;
    if (!QUEUE_NAME.test(baseName) || name.length > 80 || (isFifo && !name.endsWith('.fifo'))) {
      throw new SqsError(
        'InvalidParameterValue',
        isFifo
          ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
          : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const arn = queueArn(this.state.region, name);
    const normalized = normalizeQueueAttributes(attributes, {
      isFifo,
      creating: true,
      queueArn: arn,
      findQueueByArn: (target) => this.state.findQueueByArn(target),
    });
    const existing = this.state.queues.get(name);
    if (existing !== undefined) {
      for (const [attribute, value] of Object.entries(normalized)) {
        if ((existing.attributes[attribute] ?? '') !== value) {
          throw new SqsError(
            'QueueNameExists',
            `A queue already exists with the same name and a different value for attribute ${attribute}`,
          );
        }
      }
      return this.info(existing);
    }
    const seconds = Math.floor(this.state.clock() / 1000);
    const queue: SqsQueue = {
      name,
      arn,
      isFifo,
      createdTimestamp: seconds,
      lastModifiedTimestamp: seconds,
      attributes: {
        ...defaultQueueAttributes(isFifo),
        // A queue with a customer KMS key uses SSE-KMS, not SSE-SQS, unless told otherwise.
        ...(normalized.KmsMasterKeyId !== undefined && { SqsManagedSseEnabled: 'false' }),
        ...normalized,
      },
      tags: { ...tags },
      messages: new Map(),
      sequence: FIRST_SEQUENCE,
      lastPurgeAt: 0,
    };
    this.state.store.putQueue(queue);
    this.state.queues.set(name, queue);
    return this.info(queue);
  }

  urlOf(name: string, ownerAccountId?: string): string {
    if (ownerAccountId !== undefined && ownerAccountId !== LOCAL_ACCOUNT_ID) throw queueDoesNotExist();
    const queue = this.state.queues.get(name);
    if (queue === undefined) throw queueDoesNotExist();
    return this.info(queue).url;
  }

  /** Queue URLs sorted by name; `nextToken` only when `maxResults` cut the list, as in SQS. */
  list(prefix: string, maxResults?: number, nextToken?: string): QueueUrlPage {
    const names = [...this.state.queues.keys()].filter((n) => n.startsWith(prefix)).sort();
    return this.page(names, maxResults, nextToken);
  }

  listDeadLetterSources(queue: SqsQueue, maxResults?: number, nextToken?: string): QueueUrlPage {
    const names = this.state
      .deadLetterSources(queue)
      .map((q) => q.name)
      .sort();
    return this.page(names, maxResults, nextToken);
  }

  delete(queue: SqsQueue): void {
    this.state.store.deleteQueue(queue.name);
    this.state.forgetQueue(queue.name);
    this.state.waiters.notify(queue.name);
  }

  /** The queue's backlog gauges now, as SQS publishes them to CloudWatch. */
  metricsOf(queue: SqsQueue): QueueMetrics {
    const now = this.state.clock();
    this.state.expire(queue, now);
    return queueMetrics(queue, now);
  }

  attributesOf(queue: SqsQueue, names: readonly string[]): Record<string, string> {
    for (const name of names) {
      if (!isKnownQueueAttributeName(name))
        throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    if (names.length === 0) return {};
    const now = this.state.clock();
    this.state.expire(queue, now);
    const { visible, notVisible, delayed } = queueMetrics(queue, now);
    const all: Record<string, string> = {
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(visible),
      ApproximateNumberOfMessagesNotVisible: String(notVisible),
      ApproximateNumberOfMessagesDelayed: String(delayed),
      CreatedTimestamp: String(queue.createdTimestamp),
      LastModifiedTimestamp: String(queue.lastModifiedTimestamp),
      ...queue.attributes,
    };
    const wanted = names.includes('All') ? Object.keys(all) : names;
    const result: Record<string, string> = {};
    for (const name of wanted) {
      const value = all[name];
      if (value !== undefined && value !== '') result[name] = value;
    }
    return result;
  }

  setAttributes(queue: SqsQueue, attributes: Readonly<Record<string, string>>): void {
    const normalized = normalizeQueueAttributes(attributes, {
      isFifo: queue.isFifo,
      creating: false,
      queueArn: queue.arn,
      findQueueByArn: (target) => this.state.findQueueByArn(target),
    });
    const next = { ...queue.attributes, ...normalized };
    // An empty value removes an optional attribute (RedrivePolicy, Policy, ...).
    for (const [name, value] of Object.entries(next)) if (value === '') delete next[name];
    const lastModifiedTimestamp = Math.floor(this.state.clock() / 1000);
    this.state.store.putQueue({ ...queue, attributes: next, lastModifiedTimestamp });
    queue.attributes = next;
    queue.lastModifiedTimestamp = lastModifiedTimestamp;
    this.state.waiters.notify(queue.name);
  }

  purge(queue: SqsQueue): void {
    const now = this.state.clock();
    if (now - queue.lastPurgeAt < PURGE_INTERVAL_MS) {
      throw new SqsError(
        'PurgeQueueInProgress',
        `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`,
      );
    }
    this.state.store.transaction(() => {
      this.state.store.purgeMessages(queue.name);
      this.state.store.putQueue({ ...queue, lastPurgeAt: now });
    });
    queue.messages.clear();
    queue.lastPurgeAt = now;
  }

  /** Adds or replaces cost-allocation tags (at most 50 per queue, as in SQS). */
  tag(queue: SqsQueue, tags: Readonly<Record<string, string>>): void {
    const next = { ...queue.tags, ...tags };
    if (Object.keys(next).length > MAX_TAGS) {
      throw new SqsError(
        'InvalidParameterValue',
        'Too many tags added for queue. A queue can have at most 50 tags.',
      );
    }
    for (const [key, value] of Object.entries(tags)) {
      if (key.length === 0 || key.length > 128 || value.length > 256) {
        throw invalidParameter('Tags', key, 'Tag keys are 1-128 and values 0-256 characters long.');
      }
    }
    this.state.store.putQueue({ ...queue, tags: next });
    Object.assign(queue.tags, tags);
  }

  untag(queue: SqsQueue, keys: readonly string[]): void {
    const next = { ...queue.tags };
    for (const key of keys) delete next[key];
    this.state.store.putQueue({ ...queue, tags: next });
    for (const key of keys) delete queue.tags[key];
  }

  private page(names: string[], maxResults?: number, nextToken?: string): QueueUrlPage {
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000)) {
      throw invalidParameter('MaxResults', maxResults, 'Must be between 1 and 1000, if provided.');
    }
    let start = 0;
    if (nextToken !== undefined) {
      // The token is the last name of the previous page, so pages stay stable while queues come and go.
      const after = Buffer.from(nextToken, 'base64').toString('utf8');
      start = names.findIndex((n) => n > after);
      if (start < 0) start = names.length;
    }
    const limit = maxResults ?? 1000;
    const slice = names.slice(start, start + limit);
    const queueUrls = slice.map((n) => queueUrl(this.endpointUrl(), n));
    const last = slice.at(-1);
    const more = maxResults !== undefined && start + limit < names.length && last !== undefined;
    return more ? { queueUrls, nextToken: Buffer.from(last, 'utf8').toString('base64') } : { queueUrls };
  }
}
