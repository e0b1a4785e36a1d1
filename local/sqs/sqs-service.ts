import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsRequest, AwsResponse, AwsService } from '../endpoint';
import { handleJsonRequest, SQS_TARGET_PREFIX } from './protocol/sqs-json-protocol';
import { isSqsOperation } from './protocol/sqs-operations';
import { handleQueryRequest, queryAction } from './protocol/sqs-query-protocol';
import { SqsModel } from './sqs-model';
import { SqsStore } from './store/sqs-store';

export interface SqsServiceOptions {
  /** Folder for `sqs.db`. */
  readonly dataDir: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Base URL for queue URLs. @default 'http://127.0.0.1:4566' */
  readonly endpointUrl?: string;
}

/** SQS behind the shared endpoint: the JSON protocol by `X-Amz-Target`, the query protocol by `Action`. */
export class SqsService implements AwsService {
  readonly name = 'sqs';
  readonly signingName = 'sqs';

  private constructor(
    readonly model: SqsModel,
    private readonly store: SqsStore,
  ) {}

  /**
   * Opens (or creates) `<dataDir>/sqs.db` and loads every queue and message from it. The work is
   * synchronous; the promise gives every service one way to start, and rejects on a failure.
   */
  static start(options: SqsServiceOptions): Promise<SqsService> {
    return new Promise((resolve) => {
      mkdirSync(options.dataDir, { recursive: true });
      const store = new SqsStore(join(options.dataDir, 'sqs.db'));
      try {
        const model = new SqsModel({
          store,
          ...(options.region !== undefined && { region: options.region }),
          ...(options.endpointUrl !== undefined && { endpointUrl: options.endpointUrl }),
        });
        resolve(new SqsService(model, store));
      } catch (error) {
        store.close();
        throw error;
      }
    });
  }

  canHandle(request: AwsRequest): boolean {
    if (request.headers['x-amz-target']?.startsWith(SQS_TARGET_PREFIX)) return true;
    const action = queryAction(request);
    return action !== undefined && isSqsOperation(action);
  }

  handle(request: AwsRequest): Promise<AwsResponse> {
    return request.headers['x-amz-target']?.startsWith(SQS_TARGET_PREFIX)
      ? handleJsonRequest(request, this.model)
      : handleQueryRequest(request, this.model);
  }

  close(): Promise<void> {
    this.model.close();
    this.store.close();
    return Promise.resolve();
  }
}
