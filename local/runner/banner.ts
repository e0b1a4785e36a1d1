/** What the banner shows. */
export interface BannerFacts {
  readonly apiUrl: string;
  readonly awsEndpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly dataDir: string;
  readonly functions: readonly string[];
  readonly startupMs: number;
  readonly synthesized: boolean;
  /** The template's Lambda runtimes (`nodejs24.x`, ...). */
  readonly runtimes: readonly string[];
  /** The Node.js running the functions here (`process.version`). */
  readonly hostNodeVersion: string;
  /** Whether the AWS endpoint verifies signatures (`--enforce-sigv4`). */
  readonly enforceSigV4?: boolean;
  /** The web console's URL with its access token; absent with `--no-console`. */
  readonly consoleUrl?: string;
}

/**
 * One line when the functions run here on another Node.js major than the template declares:
 * the code is the same, but language features and the bundled SDK's behaviour may differ.
 */
export function runtimeMismatchLine(
  hostNodeVersion: string,
  runtimes: readonly string[],
): string | undefined {
  const hostMajor = /^v?(\d+)\./.exec(hostNodeVersion)?.[1];
  const others = [...new Set(runtimes)].filter((runtime) => runtime !== `nodejs${hostMajor}.x`).sort();
  if (others.length === 0) return undefined;
  return `  Runtime        functions run on this machine's Node.js ${hostNodeVersion}; the template declares ${others.join(', ')}`;
}

/** The text printed when the local cloud is ready: where everything is and a request to paste. */
export function banner(facts: BannerFacts): string {
  const credentials = `${facts.accessKeyId}:${facts.secretAccessKey}`;
  return [
    '',
    `Switchyard local cloud is ready (${(facts.startupMs / 1000).toFixed(1)} s${facts.synthesized ? ', synthesized' : ''})`,
    '',
    ...optional(facts.consoleUrl === undefined ? undefined : `  Console        ${facts.consoleUrl}`),
    `  API            ${facts.apiUrl}`,
    `  AWS endpoint   ${facts.awsEndpoint}   (region ${facts.region}${facts.enforceSigV4 ? ', signatures verified' : ''})`,
    `  Credentials    AWS_ACCESS_KEY_ID=${facts.accessKeyId} AWS_SECRET_ACCESS_KEY=${facts.secretAccessKey}`,
    `  State          ${facts.dataDir}`,
    `  Functions      ${facts.functions.join(', ')}`,
    ...optional(runtimeMismatchLine(facts.hostNodeVersion, facts.runtimes)),
    '',
    '  Try it:',
    `    curl -s ${facts.apiUrl}/api/data`,
    `    curl -s --aws-sigv4 "aws:amz:${facts.region}:execute-api" --user ${credentials} \\`,
    `      -H 'content-type: application/json' -d '{"type":"hello","payload":{"name":"Ada"}}' \\`,
    `      ${facts.apiUrl}/tasks`,
    '',
    '  AWS CLI / SDK:',
    `    export AWS_ENDPOINT_URL=${facts.awsEndpoint} AWS_REGION=${facts.region} AWS_ACCESS_KEY_ID=${facts.accessKeyId} AWS_SECRET_ACCESS_KEY=${facts.secretAccessKey}`,
    '',
    'Press Ctrl-C to stop (invocations in flight finish first).',
    '',
  ].join('\n');
}

const optional = (line: string | undefined): string[] => (line === undefined ? [] : [line]);
