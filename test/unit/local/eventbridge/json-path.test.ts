import { parseJsonPath, readJsonPath } from '../../../../local/eventbridge/engine/json-path';

describe('EventBridge JSONPath subset', () => {
  const event = { detail: { 'line-items': [{ sku: 'a' }, { sku: 'b' }], total: 0 }, 'detail-type': 't' };

  it.each([
    ['$', event],
    ['$.detail.total', 0],
    ["$.detail['line-items'][1].sku", 'b'],
    ['$["detail-type"]', 't'],
  ])('should read %s', (path, expected) => {
    expect(readJsonPath(event, path)).toEqual(expected);
  });

  it('should answer undefined for a path that leads nowhere', () => {
    expect(readJsonPath(event, '$.detail.missing.deeper')).toBeUndefined();
  });

  it.each(['detail', '$..detail', '$.detail[*]', '$.'])('should refuse %s', (path) => {
    expect(parseJsonPath(path)).toBeUndefined();
  });
});
