import { Template } from 'aws-cdk-lib/assertions';
import type { z } from 'zod';
import { API_ROUTES } from '../../functions/api-contract/routes';
import { requestModelSchema } from '../../infra/constructs/request-model';
import { readAppContext } from '../../infra/read-app-context';
import { SwitchyardStack } from '../../infra/stack';
import { removeTestApps, testApp } from './support/test-app';

afterAll(removeTestApps);

const template = (): Template => {
  const app = testApp({});
  const { stackName, props } = readAppContext(app);
  return Template.fromStack(new SwitchyardStack(app, stackName, props));
};

describe('the deployed API and its contract', () => {
  it('should deploy exactly the contract’s routes, with its authorization', () => {
    // Arrange
    const resources = template().toJSON().Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    const paths = new Map<string, string>();
    const pathOf = (id: string): string => {
      const known = paths.get(id);
      if (known !== undefined) return known;
      const resource = resources[id];
      const parent = resource?.Properties.ParentId as { Ref?: string } | undefined;
      const path = `${parent?.Ref ? pathOf(parent.Ref) : ''}/${resource?.Properties.PathPart as string}`;
      paths.set(id, path);
      return path;
    };

    // Act
    const deployed = Object.values(resources)
      .filter(
        (resource) =>
          resource.Type === 'AWS::ApiGateway::Method' && resource.Properties.HttpMethod !== 'OPTIONS',
      )
      .map((method) => {
        const resourceId = method.Properties.ResourceId as { Ref?: string };
        const path = resourceId.Ref ? pathOf(resourceId.Ref) : '/';
        return `${method.Properties.HttpMethod as string} ${path} ${method.Properties.AuthorizationType as string}`;
      });

    // Assert
    expect(deployed.sort()).toEqual(
      API_ROUTES.map((route) => `${route.method} ${route.path} ${route.authorization}`).sort(),
    );
  });

  it('should validate each request body with an API Gateway model generated from its zod schema (draft-04)', () => {
    // Arrange
    const models = template().findResources('AWS::ApiGateway::Model');

    // Assert
    for (const route of API_ROUTES.filter((candidate) => candidate.requestBody !== undefined)) {
      const body = route.requestBody as { name: string; schema: z.core.$ZodType };
      const model = Object.values(models).find((candidate) => candidate.Properties.Name === body.name);
      const { schema: _draft, ...expected } = requestModelSchema(body.schema) as Record<string, unknown>;
      expect(model).toBeDefined();
      const { $schema: draft, ...deployed } = (model?.Properties.Schema ?? {}) as Record<string, unknown>;
      expect(draft).toBe('http://json-schema.org/draft-04/schema#');
      expect(deployed).toEqual(expected);
    }
  });
});
