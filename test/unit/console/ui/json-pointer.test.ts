import { pointerTokenKey } from '../../../../console/ui/lib/json-pointer';

describe('a JSON Pointer token as a key', () => {
  it.each([
    ['a plain name', 'orderId', 'orderId'],
    ['an escaped slash', 'a~1b', 'a/b'],
    ['an escaped tilde', 'a~0b', 'a~b'],
    ['a tilde escaped before a 1, unescaped in RFC 6901 order', '~01', '~1'],
    ['percent-encoding from a URI fragment', 'unit%20price', 'unit price'],
    ['malformed percent-encoding, taken as written', '100%', '100%'],
  ])('should read %s', (_case, token, key) => {
    // Act & Assert
    expect(pointerTokenKey(token)).toBe(key);
  });
});
