import { compileEventPattern as compileWithEngine } from '../../../../event-patterns';
import { EventBridgeError, InvalidEventPatternError } from '../../../../local/eventbridge/errors';
import { compileEventPattern } from '../../../../local/eventbridge/pattern-engine';
import { errorResponse } from '../../../../local/eventbridge/protocol/json-protocol';

/** What the engine itself throws for `text`. */
function engineError(text: string): Error {
  try {
    compileWithEngine(text);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`the engine accepted ${text}`);
}

describe('the pattern engine as the EventBridge service uses it', () => {
  it('should compile a valid pattern as the engine does', () => {
    // Act
    const pattern = compileEventPattern('{"source":["shop"]}');

    // Assert
    expect(pattern.matches({ source: 'shop' })).toBe(true);
    expect(pattern.matches({ source: 'bank' })).toBe(false);
  });

  it.each(['{"source":"shop"}', '{"source":', '{"n":[{"numeric":[">",5,"<",1]}]}'])(
    'should refuse %s as InvalidEventPatternException with the engine message',
    (text) => {
      // Arrange
      const fromEngine = engineError(text);

      // Act
      const refuse = (): unknown => compileEventPattern(text);

      // Assert
      expect(refuse).toThrow(InvalidEventPatternError);
      expect(refuse).toThrow(EventBridgeError);
      expect(refuse).toThrow(
        expect.objectContaining({ code: 'InvalidEventPatternException', statusCode: 400 }),
      );
      expect(refuse).toThrow(fromEngine.message);
    },
  );

  it('should answer the protocol error AWS sends', () => {
    // Arrange
    let thrown: unknown;
    try {
      compileEventPattern('{"source":"shop"}');
    } catch (error) {
      thrown = error;
    }

    // Act
    const response = errorResponse(thrown);

    // Assert
    expect(response.statusCode).toBe(400);
    expect(response.headers['x-amzn-errortype']).toBe('InvalidEventPatternException');
    expect(response.body).toBe(
      JSON.stringify({
        __type: 'InvalidEventPatternException',
        message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
      }),
    );
  });
});
