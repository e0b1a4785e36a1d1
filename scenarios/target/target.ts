/** AWS credentials as SigV4 signs with them. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Resolves the credentials to sign with; called per request, so expiring ones are refreshed. */
export type CredentialProvider = () => Promise<Credentials>;

/** The API the scenarios call, and whose credentials sign for it. */
export interface ScenarioTarget {
  /** `local`: the cloud `npm start` runs; `deployed`: a stack in AWS. */
  readonly mode: 'local' | 'deployed';
  /** The stage URL without a trailing slash, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com/prod`. */
  readonly apiUrl: string;
  /** The region SigV4 signs for. */
  readonly region: string;
  readonly credentials: CredentialProvider;
  /** Names the target in output, e.g. `stack Switchyard in eu-west-1`. */
  readonly description: string;
}

/** The stage URL as the scenarios join paths to it: no trailing slash. */
export const stageUrl = (url: string): string => url.replace(/\/+$/, '');
