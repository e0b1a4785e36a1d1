import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createScope, getCanonicalQuery, getSigningKey } from '@smithy/signature-v4';
import { NodeSha256 } from '../../common/node-sha256';

/** How far a signature's date may lie from the clock: AWS's messages say `- 5 min.`. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
const ALGORITHM = 'AWS4-HMAC-SHA256';
/** The longest a presigned URL may stay valid: one week, as in AWS. */
const MAX_PRESIGNED_EXPIRY_SECONDS = 604_800;

/** The parts of a request a SigV4 signature covers, as received. */
export interface SignedRequest {
  readonly method: string;
  /** The path as sent (percent-encoded), without the query. */
  readonly rawPath: string;
  /** The query as sent, without `?`. */
  readonly rawQuery: string;
  /** Header name/value pairs in arrival order. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/** Who signed a request that verified. */
export interface VerifiedCaller {
  readonly accessKeyId: string;
}

/**
 * Why a signature was refused, in AWS's terms: no signature at all, a malformed one, one that does
 * not verify (wrong secret, scope or clock), or an access key other than the local one.
 */
export type SignatureProblem = 'missing' | 'incomplete' | 'invalid' | 'unknown-key';

/** A request whose signature does not verify; each surface answers it in its own protocol. */
export class SignatureError extends Error {
  constructor(
    readonly problem: SignatureProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SignatureError';
  }
}

export interface SigV4VerifierOptions {
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Injectable clock for tests. @default Date.now */
  readonly now?: () => number;
}

interface SignatureParts {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly scopeRegion: string;
  readonly scopeService: string;
  readonly scopeTerminator: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly amzDate: string;
  /** Presigned URLs only: seconds the signature stays valid. */
  readonly expiresSeconds: number | undefined;
}

const invalidSignature = (message: string) => new SignatureError('invalid', message);
const incompleteSignature = (message: string) => new SignatureError('incomplete', message);

const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

const hmacHex = (key: Uint8Array, data: string): string =>
  createHmac('sha256', key).update(data).digest('hex');

/** `20261129T153446Z`, the form SigV4 dates take. */
const basicIso = (epochMs: number): string => new Date(epochMs).toISOString().replace(/[-:]|\.\d{3}/g, '');

const parseBasicIso = (value: string): number | undefined => {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
};

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Query pairs as sent, decoded; `+` stays literal as SigV4 canonicalization expects. */
const queryPairs = (rawQuery: string): [string, string][] =>
  rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const key = equals === -1 ? pair : pair.slice(0, equals);
      const value = equals === -1 ? '' : pair.slice(equals + 1);
      return [safeDecode(key), safeDecode(value)];
    });

/** RFC 3986 encoding, the one SigV4 prescribes (encodeURIComponent leaves `!'()*` alone). */
const uriEscape = (value: string): string =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * Canonical URI for services other than S3: dot segments removed, each segment encoded again.
 * Clients encode the path once when building the URL and once more when signing.
 */
const canonicalPath = (rawPath: string): string => {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  return `/${segments.map(uriEscape).join('/')}${trailing}`;
};

/**
 * Verifies AWS Signature Version 4 against the one set of local credentials, for the service the
 * caller names (`execute-api` for the API, `sqs`, `dynamodb`, ... on the AWS endpoint): signed
 * headers (`Authorization`) or presigned URLs (`X-Amz-Signature` in the query). Failures are
 * `SignatureError`s with AWS's messages.
 */
export class SigV4Verifier {
  private readonly now: () => number;

  constructor(private readonly options: SigV4VerifierOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Resolves the caller, or rejects with a {@link SignatureError}. */
  async verify(request: SignedRequest, service: string): Promise<VerifiedCaller> {
    const header = (name: string): string | undefined => {
      const values = request.headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
      return values.length > 0 ? values.join(',') : undefined;
    };
    const query = queryPairs(request.rawQuery);
    const authorization = header('authorization');
    const presigned = query.some(([key]) => key === 'X-Amz-Algorithm');
    if (authorization === undefined && !presigned)
      throw new SignatureError('missing', 'Missing Authentication Token');
    const parts =
      authorization !== undefined ? this.parseHeader(authorization, header) : this.parseQuery(query);

    if (!parts.signedHeaders.includes('host')) {
      // Without Host the signature could be replayed against another endpoint; AWS refuses it.
      throw incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    this.checkScope(parts, service);
    this.checkClock(parts);
    if (parts.accessKeyId !== this.options.credentials.accessKeyId) {
      throw new SignatureError('unknown-key', 'The security token included in the request is invalid.');
    }

    const canonicalHeaders = parts.signedHeaders
      .map((name) => `${name}:${(header(name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
      .join('');
    const queryObject: Record<string, string | string[]> = {};
    for (const [key, value] of query) {
      if (authorization === undefined && key === 'X-Amz-Signature') continue;
      const existing = queryObject[key];
      queryObject[key] =
        existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    const canonicalQuery = getCanonicalQuery({
      method: request.method,
      protocol: 'http:',
      hostname: '',
      path: '/',
      query: queryObject,
      headers: {},
    });
    const payloadHash = sha256Hex(request.body);
    const scope = createScope(parts.scopeDate, parts.scopeRegion, parts.scopeService);
    const signingKey = await getSigningKey(
      NodeSha256,
      this.options.credentials,
      parts.scopeDate,
      parts.scopeRegion,
      parts.scopeService,
    );
    const build = (path: string) => {
      const canonicalRequest = [
        request.method,
        path,
        canonicalQuery,
        canonicalHeaders,
        parts.signedHeaders.join(';'),
        payloadHash,
      ].join('\n');
      const stringToSign = [ALGORITHM, parts.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
      return { canonicalRequest, stringToSign, signature: hmacHex(signingKey, stringToSign) };
    };

    const expected = build(canonicalPath(request.rawPath));
    if (this.matches(expected.signature, parts.signature)) return { accessKeyId: parts.accessKeyId };
    // Some clients (curl) sign the path as sent, without the second encoding: accept that too.
    const asSent = build(request.rawPath || '/');
    if (this.matches(asSent.signature, parts.signature)) return { accessKeyId: parts.accessKeyId };
    throw invalidSignature(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
        `The Canonical String for this request should have been\n'${expected.canonicalRequest}'\n\n` +
        `The String-to-Sign should have been\n'${expected.stringToSign}'\n`,
    );
  }

  private matches(expected: string, given: string): boolean {
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private parseHeader(authorization: string, header: (name: string) => string | undefined): SignatureParts {
    const trimmed = authorization.trim();
    const fields = new Map<string, string>();
    if (trimmed.startsWith(`${ALGORITHM} `)) {
      for (const field of trimmed.slice(ALGORITHM.length).split(',')) {
        const equals = field.indexOf('=');
        if (equals > 0) fields.set(field.slice(0, equals).trim(), field.slice(equals + 1).trim());
      }
    }
    const dateHeader = header('x-amz-date');
    const httpDate = header('date');
    const amzDate = dateHeader ?? (httpDate !== undefined ? toBasicIso(httpDate) : undefined);
    const problems: string[] = [];
    for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
      if (!fields.get(name)) problems.push(`Authorization header requires '${name}' parameter.`);
    }
    if (amzDate === undefined) {
      problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (problems.length > 0 || amzDate === undefined) {
      throw incompleteSignature(`${problems.join(' ')} Authorization=${authorization}`);
    }
    return this.parts(
      fields.get('Credential') ?? '',
      fields.get('SignedHeaders') ?? '',
      fields.get('Signature') ?? '',
      amzDate,
      undefined,
    );
  }

  private parseQuery(query: readonly [string, string][]): SignatureParts {
    const value = (name: string) => query.find(([key]) => key === name)?.[1];
    const problems = ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date']
      .filter((name) => !value(name))
      .map((name) => `AWS query-string parameters must include '${name}'.`);
    if (value('X-Amz-Algorithm') !== ALGORITHM) {
      problems.unshift(`X-Amz-Algorithm only supports '${ALGORITHM}'.`);
    }
    if (problems.length > 0)
      throw incompleteSignature(`${problems.join(' ')} Re-examine the query-string parameters.`);
    const expires = Number(value('X-Amz-Expires') ?? 900);
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_EXPIRY_SECONDS) {
      throw incompleteSignature(
        `X-Amz-Expires must be an integer from 1 to ${MAX_PRESIGNED_EXPIRY_SECONDS} (a week); got '${value('X-Amz-Expires')}'.`,
      );
    }
    return this.parts(
      value('X-Amz-Credential') ?? '',
      value('X-Amz-SignedHeaders') ?? '',
      value('X-Amz-Signature') ?? '',
      value('X-Amz-Date') ?? '',
      expires,
    );
  }

  private parts(
    credential: string,
    signedHeaders: string,
    signature: string,
    amzDate: string,
    expiresSeconds: number | undefined,
  ): SignatureParts {
    const [accessKeyId = '', scopeDate = '', scopeRegion = '', scopeService = '', scopeTerminator = ''] =
      credential.split('/');
    return {
      accessKeyId,
      scopeDate,
      scopeRegion,
      scopeService,
      scopeTerminator,
      signedHeaders: signedHeaders.split(';').map((name) => name.trim().toLowerCase()),
      signature,
      amzDate,
      expiresSeconds,
    };
  }

  private checkScope(parts: SignatureParts, service: string): void {
    if (parseBasicIso(parts.amzDate) === undefined) {
      throw invalidSignature(
        `Date must be in ISO-8601 'basic format'. Got '${parts.amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    }
    if (parts.scopeDate !== parts.amzDate.slice(0, 8)) {
      throw invalidSignature(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parts.scopeDate}' != '${parts.amzDate.slice(0, 8)}', from '${parts.amzDate}'.`,
      );
    }
    if (parts.scopeRegion !== this.options.region) {
      throw invalidSignature(`Credential should be scoped to a valid region, not '${parts.scopeRegion}'. `);
    }
    if (parts.scopeService !== service) {
      throw invalidSignature(`Credential should be scoped to correct service: '${service}'. `);
    }
    if (parts.scopeTerminator !== 'aws4_request') {
      throw invalidSignature(
        `Credential should be scoped with a valid terminator: 'aws4_request', not '${parts.scopeTerminator}'. `,
      );
    }
  }

  private checkClock(parts: SignatureParts): void {
    const signedAt = parseBasicIso(parts.amzDate) ?? 0;
    const now = this.now();
    if (parts.expiresSeconds !== undefined) {
      if (now > signedAt + parts.expiresSeconds * 1000) {
        throw invalidSignature(
          `Signature expired: ${parts.amzDate} is now earlier than ${basicIso(now - parts.expiresSeconds * 1000)} (${basicIso(now)} - ${parts.expiresSeconds} sec.)`,
        );
      }
    } else if (signedAt < now - MAX_CLOCK_SKEW_MS) {
      throw invalidSignature(
        `Signature expired: ${parts.amzDate} is now earlier than ${basicIso(now - MAX_CLOCK_SKEW_MS)} (${basicIso(now)} - 5 min.)`,
      );
    }
    if (signedAt > now + MAX_CLOCK_SKEW_MS) {
      throw invalidSignature(
        `Signature not yet current: ${parts.amzDate} is still later than ${basicIso(now + MAX_CLOCK_SKEW_MS)} (${basicIso(now)} + 5 min.)`,
      );
    }
  }
}

/** Converts an HTTP `Date` header to SigV4's basic ISO form, for clients that sign with it. */
const toBasicIso = (httpDate: string): string | undefined => {
  const parsed = Date.parse(httpDate);
  return Number.isNaN(parsed) ? undefined : basicIso(parsed);
};
