import { API_CONTRACT, type OpenApiDocument } from '../../../scenarios/contract/openapi-document';
import { OpenApiValidator, type ResponseToCheck } from '../../../scenarios/contract/openapi-validator';

const TASK = {
  taskId: '0b6d2a47-5a8e-4f57-9a53-3e2f8f0c9d1e',
  type: 'hello',
  status: 'SUCCEEDED',
  attempts: 1,
  createdAt: '2026-11-29T15:00:00.000Z',
  updatedAt: '2026-11-29T15:00:00.412Z',
  result: { greeting: 'Hello, Ada!' },
};

const getTask = (overrides: Partial<ResponseToCheck> = {}): ResponseToCheck => ({
  method: 'GET',
  path: `/tasks/${TASK.taskId}`,
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: TASK,
  ...overrides,
});

describe('the OpenAPI response validator', () => {
  const validator = new OpenApiValidator(API_CONTRACT);

  it('should accept an answer that keeps the contract, naming its route', () => {
    // Act
    const verdict = validator.check(getTask());

    // Assert
    expect(verdict).toEqual({ route: 'GET /tasks/{taskId}', problems: [] });
  });

  it('should report a body that breaks the schema with the path of the offending field', () => {
    // Act
    const verdict = validator.check(getTask({ body: { ...TASK, status: 'DONE' } }));

    // Assert
    expect(verdict.problems).toEqual([
      '200 body breaks the Task schema: status must be equal to one of the allowed values (ACCEPTED, PROCESSING, SUCCEEDED, FAILED)',
    ]);
  });

  it('should report a missing required field and a field the schema does not allow', () => {
    // Arrange
    const { attempts: _attempts, ...withoutAttempts } = TASK;

    // Act
    const verdict = validator.check(getTask({ body: { ...withoutAttempts, extra: true } }));

    // Assert
    expect(verdict.problems).toHaveLength(1);
    expect(verdict.problems[0]).toContain("the body must have required property 'attempts'");
    expect(verdict.problems[0]).toContain('the body must NOT have additional properties (extra)');
  });

  it("should follow $refs and name a nested field by its dotted path, without the other oneOf branches' noise", () => {
    // Arrange
    const flow = {
      correlationId: 'scenario-1',
      timeline: [
        { kind: 'TASK', taskId: 't-1', taskType: 'hello', event: 'ACCEPTED', at: '2026-11-29T15:00:00.000Z' },
        { kind: 'TASK', taskId: 't-1', taskType: 'hello', event: 'EXPLODED', at: '2026-11-29T15:00:00.100Z' },
      ],
    };

    // Act
    const verdict = validator.check({
      method: 'GET',
      path: '/flows/scenario-1',
      status: 200,
      contentType: 'application/json',
      body: flow,
    });

    // Assert
    expect(verdict.problems).toEqual([
      '200 body breaks the Flow schema: timeline.1.event must be equal to one of the allowed values (ACCEPTED, STARTED, RETRYING, SUCCEEDED, FAILED, REDRIVEN)',
    ]);
  });

  it('should report the path inside an error body', () => {
    // Act
    const verdict = validator.check({
      method: 'POST',
      path: '/tasks',
      status: 400,
      contentType: 'application/json',
      body: { error: { code: 'VALIDATION_FAILED', message: 'bad', details: [{ path: 'payload.url' }] } },
    });

    // Assert
    expect(verdict.problems).toEqual([
      "400 body breaks the Error schema: error.details.0 must have required property 'message'",
    ]);
  });

  it('should refuse a status the route does not list, listing those it does', () => {
    // Act
    const verdict = validator.check({
      ...getTask(),
      status: 418,
      body: { error: { code: 'X', message: 'y' } },
    });

    // Assert
    expect(verdict.problems).toEqual([
      'answered 418, which GET /tasks/{taskId} does not list (200, 400, 403, 404, 429, 500, 502, 503, 504)',
    ]);
  });

  it('should refuse another media type, a body that is not JSON and a missing body', () => {
    // Act
    const html = validator.check(getTask({ contentType: 'text/html', body: '<html>', bodyIsText: true }));
    const text = validator.check(getTask({ body: 'not json', bodyIsText: true }));
    const empty = validator.check(getTask({ body: undefined }));

    // Assert
    expect(html.problems).toEqual(['answered 200 as text/html, not application/json']);
    expect(text.problems).toEqual(['answered 200 with a body that is not JSON']);
    expect(empty.problems).toEqual(['answered 200 without the body the contract describes']);
  });

  it('should match path parameters one segment at a time, and refuse a path the contract does not have', () => {
    // Act
    const nested = validator.check(getTask({ path: `/tasks/${TASK.taskId}/history` }));
    const method = validator.check(getTask({ method: 'DELETE' }));

    // Assert
    expect(nested).toEqual({
      problems: [`GET /tasks/${TASK.taskId}/history is not a route of the contract`],
    });
    expect(method).toEqual({ problems: [`DELETE /tasks/${TASK.taskId} is not a route of the contract`] });
  });

  it('should resolve a response given by $ref and a schema given inline', () => {
    // Arrange: a document of another shape than ours, with status ranges and a default
    const document: OpenApiDocument = {
      paths: {
        '/things/{id}': {
          get: {
            responses: {
              '200': { $ref: '#/components/responses/Thing' },
              '4XX': { content: { 'application/json': { schema: { type: 'object', required: ['why'] } } } },
              default: { description: 'anything else, no body' },
            },
          },
        },
      },
      components: {
        schemas: { Thing: { type: 'object', properties: { size: { type: 'integer' } }, required: ['size'] } },
        responses: {
          Thing: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        },
      } as OpenApiDocument['components'],
    };
    const custom = new OpenApiValidator(document);
    const answer = (status: number, body: unknown): ResponseToCheck => ({
      method: 'GET',
      path: '/things/a',
      status,
      contentType: 'application/json',
      body,
    });

    // Act
    const good = custom.check(answer(200, { size: 3 }));
    const bad = custom.check(answer(200, { size: 'big' }));
    const range = custom.check(answer(404, {}));
    const fallback = custom.check(answer(500, undefined));

    // Assert
    expect(good.problems).toEqual([]);
    expect(bad.problems).toEqual(['200 body breaks the Thing schema: size must be integer']);
    expect(range.problems).toEqual([
      "404 body breaks the response schema: the body must have required property 'why'",
    ]);
    expect(fallback.problems).toEqual([]);
  });
});
