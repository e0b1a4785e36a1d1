import { SQSClient } from '@aws-sdk/client-sqs';

/** The SQS client of the functions that send tasks, created once per container. */
export const sqsClient = new SQSClient({});
