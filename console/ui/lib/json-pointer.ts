/**
 * One reference token of a JSON Pointer (RFC 6901) as the key it names: percent-decoded when
 * it came from a URI fragment (`#/a%20b`), then `~1` as `/` and `~0` as `~`, in that order.
 * A token that is not valid percent-encoding is taken as written.
 */
export function pointerTokenKey(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // Not percent-encoded after all.
  }
  return decoded.replaceAll('~1', '/').replaceAll('~0', '~');
}
