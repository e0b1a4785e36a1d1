import { ApiError, errorFromResponse, toApiError } from '../../../../console/ui/lib/api-error';

describe('console API errors', () => {
  it('should carry the ConsoleError the server answered', () => {
    // Act
    const error = errorFromResponse(404, 'Not Found', '{"error":"NotFound","message":"No task has id t-1"}');

    // Assert
    expect(error).toMatchObject({ status: 404, code: 'NotFound', message: 'No task has id t-1' });
    expect(error.needsSignIn).toBe(false);
  });

  it.each([401, 403])('should ask for sign-in on %i', (status) => {
    expect(errorFromResponse(status, '', '{"error":"Unauthorized","message":"No session"}').needsSignIn).toBe(
      true,
    );
  });

  it('should keep the start of a body that is not a ConsoleError', () => {
    // Act
    const error = errorFromResponse(502, 'Bad Gateway', `<html>${'x'.repeat(500)}</html>`);

    // Assert
    expect(error.code).toBe('Http502');
    expect(error.message).toMatch(/^The server answered 502 Bad Gateway: <html>x+$/);
    expect(error.message.length).toBeLessThan(260);
  });

  it('should describe an empty failed answer by its status', () => {
    expect(errorFromResponse(500, '', '').message).toBe('The server answered 500');
  });

  it('should make anything thrown showable', () => {
    expect(toApiError(new TypeError('Failed to fetch'))).toMatchObject({ status: 0, code: 'TypeError' });
    expect(toApiError('boom')).toMatchObject({ status: 0, message: 'boom' });
    const original = new ApiError(409, 'Conflict', 'busy');
    expect(toApiError(original)).toBe(original);
  });
});
