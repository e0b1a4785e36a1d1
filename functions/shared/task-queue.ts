import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type TaskMessage, TaskMessageAttributes } from './task-message';

/** The producer side of the task channel. */
export class TaskQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: TaskMessage): Promise<void> {
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageAttributes: {
          [TaskMessageAttributes.taskId]: text(message.taskId),
          [TaskMessageAttributes.taskType]: text(message.type),
          [TaskMessageAttributes.correlationId]: text(message.correlationId),
        },
      }),
    );
  }
}
