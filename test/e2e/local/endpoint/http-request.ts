import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawRequestOptions {
  readonly method?: string;
  /** Sent as given; `Host` among them replaces the one derived from the URL. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The request target as sent, unnormalized (`/../x` stays so), instead of the URL's path. */
  readonly rawPath?: string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** One request with `node:http`, which (unlike `fetch`) lets a test set Host, Origin and Sec-Fetch-*. */
export function httpRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { connection: 'close', ...options.headers },
        ...(options.rawPath !== undefined && { path: options.rawPath }),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** A form body, as a web page's `<form method="post">` (no preflight) would send it. */
export const formBody = (params: Readonly<Record<string, string>>): string =>
  new URLSearchParams(params).toString();

export const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded' } as const;

/** Writes `text` as is to the server of `url` and resolves with all it answers before closing. */
export function rawExchange(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}
