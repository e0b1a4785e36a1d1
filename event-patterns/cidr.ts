import { BlockList, isIP } from 'node:net';
import { EventPatternError } from './event-pattern-error';
import type { ValuePredicate } from './value-predicate';

/**
 * Compiles a `cidr` operator (`10.0.0.0/24`, `2001:db8::/64`). Node's `BlockList` does the
 * address arithmetic for both families and accepts every textual IPv6 form in events
 * (compressed or not), so only parsing and AWS's validation messages are written here.
 * @throws EventPatternError with AWS's reason for a malformed CIDR.
 */
export function compileCidr(cidr: string): ValuePredicate {
  const parts = cidr.split('/');
  if (parts.length !== 2) throw new EventPatternError("Malformed CIDR, one '/' required");
  const [address = '', maskText = ''] = parts;
  if (!/^\d+$/.test(maskText)) throw new EventPatternError('Malformed CIDR, mask bits must be an integer');
  const family = isIP(address);
  if (family === 0) throw new EventPatternError(`Nonstandard IP address: ${address}`);
  const maxBits = family === 4 ? 32 : 128;
  const bits = Number(maskText);
  if (bits > maxBits) {
    throw new EventPatternError(`Malformed CIDR, mask bits must be between 0 and ${maxBits}`);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const block = new BlockList();
  block.addSubnet(address, bits, type);
  return (value) => typeof value === 'string' && isIP(value) === family && block.check(value, type);
}
