import { getSigningKey } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../common/node-sha256';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const digestOf = async (hash: NodeSha256, ...parts: (string | ArrayBuffer | ArrayBufferView)[]) => {
  for (const part of parts) hash.update(part);
  return hex(await hash.digest());
};

describe('NodeSha256', () => {
  it('should hash like SHA-256, whatever shape the data comes in', async () => {
    // Arrange: "abc" as a string, as a view into the middle of a larger buffer, and as an ArrayBuffer
    const framed = Buffer.from('xxabcyy');
    const view = new Uint8Array(framed.buffer, framed.byteOffset + 2, 3);
    const arrayBuffer = new TextEncoder().encode('abc').buffer;
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

    // Act / Assert (FIPS 180-2's "abc" vector)
    await expect(digestOf(new NodeSha256(), 'abc')).resolves.toBe(expected);
    await expect(digestOf(new NodeSha256(), view)).resolves.toBe(expected);
    await expect(digestOf(new NodeSha256(), arrayBuffer)).resolves.toBe(expected);
    await expect(digestOf(new NodeSha256(), 'a', 'bc')).resolves.toBe(expected);
  });

  it('should be HMAC-SHA-256 when given a secret', async () => {
    // Act: RFC 4231, test case 2
    const mac = await digestOf(new NodeSha256('Jefe'), 'what do ya want for nothing?');

    // Assert
    expect(mac).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('should derive the signing key of the SigV4 documentation example', async () => {
    // Act
    const key = await getSigningKey(
      NodeSha256,
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      '20120215',
      'us-east-1',
      'iam',
    );

    // Assert
    expect(hex(key)).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });
});
