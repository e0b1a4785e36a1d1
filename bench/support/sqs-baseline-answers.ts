import { createHash } from 'node:crypto';

/** The message body every SQS benchmark sends, and its MD5 as SQS reports it. */
export const BENCH_BODY = JSON.stringify({ taskId: 'bench', payload: 'x'.repeat(200) });
export const BENCH_BODY_MD5 = createHash('md5').update(BENCH_BODY).digest('hex');

/**
 * What a bare baseline server answers to each SQS call, valid for the SDK and the wire client
 * alike (MD5s included): one message per receive.
 */
export const BASELINE_ANSWERS = {
  'AmazonSQS.SendMessage': JSON.stringify({ MessageId: 'm-1', MD5OfMessageBody: BENCH_BODY_MD5 }),
  'AmazonSQS.ReceiveMessage': JSON.stringify({
    Messages: [{ MessageId: 'm-1', ReceiptHandle: 'r-1', MD5OfBody: BENCH_BODY_MD5, Body: BENCH_BODY }],
  }),
  'AmazonSQS.DeleteMessage': '{}',
  'AmazonSQS.DeleteMessageBatch': JSON.stringify({
    Successful: Array.from({ length: 10 }, (_, i) => ({ Id: `d${i}` })),
    Failed: [],
  }),
};

/** The same, with ten messages per receive, for the batch runs (which ask for ten). */
export const BATCH_BASELINE_ANSWERS = {
  ...BASELINE_ANSWERS,
  'AmazonSQS.ReceiveMessage': JSON.stringify({
    Messages: Array.from({ length: 10 }, (_, i) => ({
      MessageId: `m-${i}`,
      ReceiptHandle: `r-${i}`,
      MD5OfBody: BENCH_BODY_MD5,
      Body: BENCH_BODY,
    })),
  }),
};
