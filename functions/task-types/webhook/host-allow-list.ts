const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The hosts the `webhook` task type may call. Entries are `host`, `host:port` or `*.domain`
 * (any subdomain, not the domain itself). Plain `http` is allowed only for loopback hosts,
 * where no TLS is available and nothing leaves the machine (local development).
 */
export class HostAllowList {
  private readonly entries: readonly string[];

  constructor(entries: readonly string[]) {
    this.entries = entries.map((entry) => entry.toLowerCase());
  }

  /** Why `url` may not be called, or `undefined` when it may. */
  rejectionReason(url: URL): string | undefined {
    const host = url.hostname.toLowerCase();
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(host))) {
      return `must use https (given ${url.protocol.replace(':', '')})`;
    }
    if (url.username || url.password) return 'must not carry credentials';
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const permitted = this.entries.some((entry) => {
      if (entry.startsWith('*.')) return host.endsWith(entry.slice(1));
      if (entry.includes(':') && !entry.startsWith('[')) return entry === `${host}:${port}`;
      if (entry.startsWith('[') && entry.includes(']:')) return entry === `${host}:${port}`;
      return entry === host;
    });
    return permitted ? undefined : `host ${url.host} is not in the webhook allow-list`;
  }
}
