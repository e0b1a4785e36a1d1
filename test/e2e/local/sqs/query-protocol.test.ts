import { md5OfBody } from '../../../../local';
import { type LocalCloud, startLocalCloud, uniqueName } from './local-cloud-fixture';

/** Text of every `<tag>` element, in document order; enough to read SQS's flat XML answers. */
function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) =>
    (match[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&#xD;/g, '\r')
      .replace(/&amp;/g, '&'),
  );
}

describe('SQS query protocol (form requests, XML answers)', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud();
  });

  afterAll(async () => {
    await cloud.stop();
  });

  const post = async (params: Record<string, string>, path = '/') => {
    const response = await fetch(`${cloud.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ Version: '2012-11-05', ...params }).toString(),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      xml: await response.text(),
    };
  };

  const createQueue = async (attributes: Record<string, string> = {}) => {
    const params: Record<string, string> = { Action: 'CreateQueue', QueueName: uniqueName('query') };
    Object.entries(attributes).forEach(([name, value], i) => {
      params[`Attribute.${i + 1}.Name`] = name;
      params[`Attribute.${i + 1}.Value`] = value;
    });
    const { xml } = await post(params);
    return xmlValues(xml, 'QueueUrl')[0] as string;
  };

  it('should create a queue with attributes and answer a CreateQueueResponse document', async () => {
    // Act
    const name = uniqueName('created');
    const { status, contentType, xml } = await post({
      Action: 'CreateQueue',
      QueueName: name,
      'Attribute.1.Name': 'VisibilityTimeout',
      'Attribute.1.Value': '7',
    });
    const attributes = await post({
      Action: 'GetQueueAttributes',
      QueueUrl: `${cloud.url}/000000000000/${name}`,
      'AttributeName.1': 'VisibilityTimeout',
      'AttributeName.2': 'QueueArn',
    });

    // Assert
    expect(status).toBe(200);
    expect(contentType).toContain('xml');
    expect(xml).toMatch(
      /^<\?xml[^>]*\?><CreateQueueResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/">/,
    );
    expect(xmlValues(xml, 'QueueUrl')).toEqual([`${cloud.url}/000000000000/${name}`]);
    expect(xmlValues(xml, 'RequestId')).toHaveLength(1);
    expect(xmlValues(attributes.xml, 'Name')).toEqual(['VisibilityTimeout', 'QueueArn']);
    expect(xmlValues(attributes.xml, 'Value')).toEqual(['7', `arn:aws:sqs:us-east-1:000000000000:${name}`]);
  });

  it('should send and receive a message with attributes, escaping XML in the body', async () => {
    // Arrange
    const queueUrl = await createQueue();
    const body = '<order id="1">fish & chips</order>\r\n';

    // Act
    const sent = await post({
      Action: 'SendMessage',
      QueueUrl: queueUrl,
      MessageBody: body,
      'MessageAttribute.1.Name': 'attribName1',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'attribValue 1',
    });
    const received = await post({
      Action: 'ReceiveMessage',
      QueueUrl: queueUrl,
      'AttributeName.1': 'All',
      'MessageAttributeName.1': 'All',
    });

    // Assert
    expect(sent.status).toBe(200);
    expect(xmlValues(sent.xml, 'MD5OfMessageBody')).toEqual([md5OfBody(body)]);
    expect(xmlValues(sent.xml, 'MD5OfMessageAttributes')).toEqual(['19e27d4e946b072f3f58da80d94fd778']);
    expect(xmlValues(received.xml, 'Body')).toEqual([body]);
    expect(xmlValues(received.xml, 'MessageId')).toEqual(xmlValues(sent.xml, 'MessageId'));
    expect(xmlValues(received.xml, 'StringValue')).toEqual(['attribValue 1']);
    expect(received.xml).toContain('<Name>ApproximateReceiveCount</Name><Value>1</Value>');
  });

  it('should take the queue from the request path and delete by receipt handle', async () => {
    // Arrange
    const queueUrl = await createQueue();
    const path = new URL(queueUrl).pathname;
    await post({ Action: 'SendMessage', MessageBody: 'by path' }, path);
    const received = await post({ Action: 'ReceiveMessage' }, path);
    const handle = xmlValues(received.xml, 'ReceiptHandle')[0] as string;

    // Act
    const deleted = await post({ Action: 'DeleteMessage', ReceiptHandle: handle }, path);
    const count = await post({ Action: 'GetQueueAttributes', 'AttributeName.1': 'All' }, path);

    // Assert
    expect(xmlValues(received.xml, 'Body')).toEqual(['by path']);
    expect(deleted.status).toBe(200);
    expect(deleted.xml).toContain('<DeleteMessageResponse');
    expect(count.xml).toContain('<Name>ApproximateNumberOfMessages</Name><Value>0</Value>');
  });

  it('should send a batch and answer one result entry per message', async () => {
    // Arrange
    const queueUrl = await createQueue();

    // Act
    const { xml } = await post({
      Action: 'SendMessageBatch',
      QueueUrl: queueUrl,
      'SendMessageBatchRequestEntry.1.Id': 'first',
      'SendMessageBatchRequestEntry.1.MessageBody': 'one',
      'SendMessageBatchRequestEntry.2.Id': 'second',
      'SendMessageBatchRequestEntry.2.MessageBody': 'two',
      'SendMessageBatchRequestEntry.2.DelaySeconds': '999',
    });

    // Assert
    expect(xmlValues(xml, 'SendMessageBatchResultEntry')).toHaveLength(1);
    expect(xmlValues(xml, 'BatchResultErrorEntry')).toHaveLength(1);
    expect(xmlValues(xml, 'Id')).toEqual(['first', 'second']);
    expect(xmlValues(xml, 'SenderFault')).toEqual(['true']);
  });

  it('should list queues with a GET request and a query string', async () => {
    // Arrange
    const queueUrl = await createQueue();
    const name = queueUrl.split('/').at(-1) as string;

    // Act
    const response = await fetch(`${cloud.url}/?Action=ListQueues&QueueNamePrefix=${name}`);
    const xml = await response.text();

    // Assert
    expect(response.status).toBe(200);
    expect(xmlValues(xml, 'QueueUrl')).toEqual([queueUrl]);
  });

  it('should answer an unknown queue with the legacy error code in an XML ErrorResponse', async () => {
    // Act
    const { status, xml } = await post({
      Action: 'SendMessage',
      QueueUrl: `${cloud.url}/000000000000/${uniqueName('missing')}`,
      MessageBody: 'x',
    });

    // Assert
    expect(status).toBe(400);
    expect(xml).toContain('<ErrorResponse');
    expect(xmlValues(xml, 'Type')).toEqual(['Sender']);
    expect(xmlValues(xml, 'Code')).toEqual(['AWS.SimpleQueueService.NonExistentQueue']);
  });

  it.each([
    ['an unknown action', { Action: 'Frobnicate' }, 'InvalidAction'],
    ['no action at all', { QueueName: 'x' }, 'InvalidAction'],
    ['a missing parameter', { Action: 'CreateQueue' }, 'MissingParameter'],
    [
      'an empty batch',
      { Action: 'DeleteMessageBatch', QueueUrl: 'placeholder' },
      'AWS.SimpleQueueService.EmptyBatchRequest',
    ],
    [
      'an out-of-range number',
      { Action: 'ReceiveMessage', QueueUrl: 'placeholder', MaxNumberOfMessages: '0' },
      'InvalidParameterValue',
    ],
  ])('should answer %s with an XML error', async (_label, params, code) => {
    // Arrange
    const queueUrl = await createQueue();
    const resolved = Object.fromEntries(
      Object.entries(params).map(([key, value]) => [key, value === 'placeholder' ? queueUrl : value]),
    );

    // Act
    const { status, xml } = await post(resolved);

    // Assert
    expect(status).toBe(400);
    expect(xmlValues(xml, 'Code')).toEqual([code]);
  });

  it('should tag a queue and list its tags as Tag elements', async () => {
    // Arrange
    const queueUrl = await createQueue();

    // Act
    const tagged = await post({
      Action: 'TagQueue',
      QueueUrl: queueUrl,
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'core',
    });
    const { xml } = await post({ Action: 'ListQueueTags', QueueUrl: queueUrl });

    // Assert
    expect(tagged.xml).not.toContain('<TagQueueResult>');
    expect(xml).toContain(
      '<ListQueueTagsResult><Tag><Key>team</Key><Value>core</Value></Tag></ListQueueTagsResult>',
    );
  });

  it('should answer an empty result element when GetQueueAttributes asks for nothing', async () => {
    // Arrange
    const queueUrl = await createQueue();

    // Act
    const { xml } = await post({ Action: 'GetQueueAttributes', QueueUrl: queueUrl });

    // Assert
    expect(xml).toContain('<GetQueueAttributesResult></GetQueueAttributesResult>');
  });
});
