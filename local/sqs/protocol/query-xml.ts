import type { SqsError } from '../errors';

export const SQS_XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** Escapes text for XML; a carriage return is encoded so XML parsers do not normalize it away. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '>'
          ? '&gt;'
          : c === '"'
            ? '&quot;'
            : c === "'"
              ? '&apos;'
              : '&#xD;',
  );
}

/** Element names of flattened lists in the query protocol, by the JSON member name. */
function listElementName(member: string, action: string): string {
  switch (member) {
    case 'QueueUrls':
    case 'queueUrls':
      return 'QueueUrl';
    case 'Messages':
      return 'Message';
    case 'Successful':
      return `${action}ResultEntry`;
    case 'Failed':
      return 'BatchResultErrorEntry';
    case 'Results':
      return 'ListMessageMoveTasksResultEntry';
    default:
      return member;
  }
}

function element(name: string, value: unknown, action: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value))
    return value.map((item) => element(listElementName(name, action), item, action)).join('');
  if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
  const record = value as Record<string, unknown>;
  if (name === 'Attributes') {
    return Object.entries(record)
      .map(
        ([key, item]) =>
          `<Attribute><Name>${escapeXml(key)}</Name><Value>${escapeXml(String(item))}</Value></Attribute>`,
      )
      .join('');
  }
  if (name === 'Tags') {
    return Object.entries(record)
      .map(
        ([key, item]) => `<Tag><Key>${escapeXml(key)}</Key><Value>${escapeXml(String(item))}</Value></Tag>`,
      )
      .join('');
  }
  if (name === 'MessageAttributes') {
    return Object.entries(record)
      .map(
        ([key, item]) =>
          `<MessageAttribute><Name>${escapeXml(key)}</Name>${element('Value', item, action)}</MessageAttribute>`,
      )
      .join('');
  }
  const children = Object.entries(record)
    .map(([key, item]) => element(key, item, action))
    .join('');
  return `<${name}>${children}</${name}>`;
}

/** Actions whose answer has no result element, only response metadata. */
const VOID_ACTIONS = new Set([
  'DeleteQueue',
  'SetQueueAttributes',
  'PurgeQueue',
  'DeleteMessage',
  'ChangeMessageVisibility',
  'TagQueue',
  'UntagQueue',
]);

/** The query protocol's success document: `<ActionResponse><ActionResult>...` plus the request id. */
export function xmlResponse(action: string, output: object, requestId: string): string {
  const members = Object.entries(output)
    .map(([key, value]) => element(key, value, action))
    .join('');
  const result = VOID_ACTIONS.has(action) ? '' : `<${action}Result>${members}</${action}Result>`;
  return (
    `<?xml version="1.0"?><${action}Response xmlns="${SQS_XML_NAMESPACE}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** The query protocol's error document, with the legacy error code. */
export function xmlError(error: SqsError, requestId: string): string {
  return (
    `<?xml version="1.0"?><ErrorResponse xmlns="${SQS_XML_NAMESPACE}"><Error><Type>${error.fault}</Type>` +
    `<Code>${escapeXml(error.queryCode)}</Code><Message>${escapeXml(error.message)}</Message><Detail/></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
