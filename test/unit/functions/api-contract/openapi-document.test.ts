import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { findPackageManifest } from '../../../../common/package-manifest';
import { API_ROUTES } from '../../../../functions/api-contract/routes';
import { openApiDocument } from '../../../../infra/openapi/openapi-document';

const ROOT = join(__dirname, '..', '..', '..', '..');
const generated = () => openApiDocument(findPackageManifest(ROOT)?.version ?? '0.0.0');

type Operation = {
  security: unknown[];
  parameters: { name: string; in: string }[];
  responses: Record<string, { headers: Record<string, unknown> }>;
  requestBody?: unknown;
};
const operations = (document: Record<string, unknown>) =>
  Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );

describe('the OpenAPI document', () => {
  it('should be what npm run openapi generates from the contract (docs/openapi.json is committed)', () => {
    // Arrange
    const committed: unknown = JSON.parse(readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8'));

    // Assert: on a difference, regenerate it with `npm run -s openapi > docs/openapi.json`.
    expect(committed).toEqual(generated());
  });

  it('should be a valid OpenAPI 3.1 document', () => {
    // Arrange: the validator ships as an ES module, which jest cannot load; its CLI runs it.
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-openapi-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(generated()));
    const cli = join(
      ROOT,
      'node_modules',
      '@seriousme',
      'openapi-schema-validator',
      'bin',
      'validate-api-cli.js',
    );

    // Act
    const run = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });

    // Assert
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ valid: true });
  });

  it('should describe every route, signed with SigV4 except the liveness check', () => {
    // Act
    const found = operations(generated());

    // Assert
    expect(found.map(({ route }) => route).sort()).toEqual(
      [
        'GET /api/data',
        'POST /tasks',
        'GET /tasks/{taskId}',
        'POST /events',
        'GET /flows/{correlationId}',
      ].sort(),
    );
    for (const { route, operation } of found) {
      expect([route, operation.security]).toEqual([route, route === 'GET /api/data' ? [] : [{ sigv4: [] }]]);
    }
    expect(generated()).toMatchObject({
      components: { securitySchemes: { sigv4: { 'x-amazon-apigateway-authtype': 'awsSigv4' } } },
    });
  });

  it('should list 400 on every route: each validates its X-Correlation-Id header', () => {
    // Act
    const found = operations(generated());

    // Assert
    expect(
      found.filter(({ operation }) => operation.responses['400'] === undefined).map(({ route }) => route),
    ).toEqual([]);
  });

  it('should name the Idempotency-Key and X-Correlation-Id headers, and Location on 202', () => {
    // Act
    const byRoute = Object.fromEntries(
      operations(generated()).map(({ route, operation }) => [route, operation]),
    );

    // Assert
    const submit = byRoute['POST /tasks'] as Operation;
    expect(submit.parameters.map((parameter) => parameter.name)).toEqual([
      'X-Correlation-Id',
      'Idempotency-Key',
    ]);
    expect(Object.keys(submit.responses['202']?.headers ?? {})).toEqual(['X-Correlation-Id', 'Location']);
    for (const operation of Object.values(byRoute)) {
      expect(operation.parameters.some((parameter) => parameter.name === 'X-Correlation-Id')).toBe(true);
    }
  });

  it('should take each request schema from zod (JSON Schema 2020-12), with every task type and event type', () => {
    // Arrange
    const schemas = (generated().components as { schemas: Record<string, unknown> }).schemas;

    // Assert
    for (const route of API_ROUTES.filter((candidate) => candidate.requestBody !== undefined)) {
      const body = route.requestBody as { name: string; schema: z.core.$ZodType };
      const { $schema: _dialect, ...expected } = z.toJSONSchema(body.schema, {
        io: 'input',
        unrepresentable: 'any',
      });
      expect(schemas[`${body.name}Request`]).toEqual(expected);
    }
    const taskTypes = JSON.stringify(schemas.SubmitTaskRequest);
    expect(taskTypes).toContain('"const":"hello"');
    expect(taskTypes).toContain('"const":"webhook"');
    expect(JSON.stringify(schemas.PublishEventsRequest)).toContain('"const":"order.placed"');
  });
});
