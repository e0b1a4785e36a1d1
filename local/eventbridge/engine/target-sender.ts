import { type LambdaInvoker, type SqsTargetPort, TargetUnreachableError } from '../ports';
import type { TargetRecord } from '../records/eventbridge-records';

/** The services this emulation can deliver to, by the service part of the target ARN. */
export type TargetKind = 'sqs' | 'lambda';

/** The kind of target an ARN names, or undefined when this emulation cannot deliver to it. */
export function targetKindOf(arn: string): TargetKind | undefined {
  if (/^arn:[^:]+:sqs:[^:]*:[^:]*:[^:]+$/.test(arn)) return 'sqs';
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/.test(arn)) return 'lambda';
  return undefined;
}

/**
 * Sends one payload to one target through the ports the composition root supplies. A missing
 * port makes the target unreachable (the delivery is retried, then dead-lettered), as an
 * unreachable endpoint would in AWS.
 */
export class TargetSender {
  constructor(
    private readonly sqs: SqsTargetPort | undefined,
    private readonly lambda: LambdaInvoker | undefined,
  ) {}

  async send(target: TargetRecord, body: string, eventId: string): Promise<void> {
    switch (targetKindOf(target.Arn)) {
      case 'sqs': {
        if (!this.sqs) throw new TargetUnreachableError('No SQS service is attached to this endpoint');
        const groupId = target.SqsParameters?.MessageGroupId;
        await this.sqs.sendMessage(
          target.Arn,
          body,
          groupId === undefined ? undefined : { messageGroupId: groupId, messageDeduplicationId: eventId },
        );
        return;
      }
      case 'lambda':
        if (!this.lambda) throw new TargetUnreachableError('No Lambda runtime is attached to this endpoint');
        await this.lambda.invokeAsync(target.Arn, body);
        return;
      default:
        throw new TargetUnreachableError(`Unsupported target ${target.Arn}`, 'RESOURCE_NOT_FOUND');
    }
  }

  /** Sends a failed event to a dead-letter queue with the attributes AWS adds. */
  async sendToDeadLetterQueue(
    queueArn: string,
    eventJson: string,
    attributes: Record<string, string>,
  ): Promise<void> {
    if (!this.sqs) throw new TargetUnreachableError('No SQS service is attached to this endpoint');
    await this.sqs.sendMessage(queueArn, eventJson, { messageAttributes: attributes });
  }
}
