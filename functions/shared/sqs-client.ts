import { SQSClient } from '@aws-sdk/client-sqs';
import { tracer } from './observability';

/** The SQS client of the functions that send tasks, created once per container. */
export const sqsClient = tracer.captureAWSv3Client(new SQSClient({}));
