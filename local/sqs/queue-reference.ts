import { LOCAL_ACCOUNT_ID } from '../platform/local-account';
import { SqsError } from './errors';

export { LOCAL_ACCOUNT_ID };

/**
 * Extracts the queue name from what callers use to name a queue: a queue URL
 * (`http://127.0.0.1:4566/000000000000/name`, any host), a queue ARN, or a bare name for
 * in-process callers. Returns undefined when the reference names another account.
 */
export function queueNameFromReference(reference: string): string | undefined {
  if (reference.startsWith('arn:')) {
    const parts = reference.split(':');
    if (parts.length !== 6 || parts[2] !== 'sqs' || parts[4] !== LOCAL_ACCOUNT_ID) return undefined;
    return parts[5];
  }
  if (/^https?:\/\//i.test(reference)) {
    let path: string;
    try {
      path = new URL(reference).pathname;
    } catch {
      throw new SqsError('InvalidAddress', `The address ${reference} is not valid for this endpoint.`);
    }
    const segments = path.split('/').filter((segment) => segment.length > 0);
    const name = segments.at(-1);
    const account = segments.at(-2);
    if (name === undefined)
      throw new SqsError('InvalidAddress', `The address ${reference} is not valid for this endpoint.`);
    if (account !== undefined && account !== LOCAL_ACCOUNT_ID && account !== 'queue') return undefined;
    try {
      return decodeURIComponent(name);
    } catch {
      throw new SqsError('InvalidAddress', `The address ${reference} is not valid for this endpoint.`);
    }
  }
  return reference;
}

export function queueArn(region: string, name: string): string {
  return `arn:aws:sqs:${region}:${LOCAL_ACCOUNT_ID}:${name}`;
}

export function queueUrl(endpointUrl: string, name: string): string {
  return `${endpointUrl.replace(/\/+$/, '')}/${LOCAL_ACCOUNT_ID}/${name}`;
}
