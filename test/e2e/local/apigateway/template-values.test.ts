import { checkApiTemplate, UnsupportedTemplateError } from '../../../../local/apigateway';
import { standaloneScope } from '../../../../local/apigateway/api-template';
import { localResourceId } from '../../../../local/platform/template/local-names';
import type { CfnTemplate } from '../../../../local/platform/template/template-types';
import { apiTemplate, type GatewayUnderTest, REGION, startGateway } from './apigateway-fixture';

/** An API whose stage variable names its stack, as `${AWS::StackName}` does in real templates. */
const template = () => {
  const built = apiTemplate({
    routes: [{ method: 'GET', path: '/orders', functionId: 'Orders', authorization: 'NONE' }],
  });
  const stage = built.Resources.Stage as { Properties: Record<string, unknown> };
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub uses CloudFormation's ${} syntax.
  stage.Properties.Variables = { owner: { 'Fn::Sub': '${AWS::StackName}-orders' } };
  return built;
};

describe('the API’s template values', () => {
  let gateway: GatewayUnderTest | undefined;

  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
  });

  it('should take the stack’s values when given them, ids and AWS::StackName included', async () => {
    // Arrange: the scope the runner would pass, for a stack named Shop.
    const raw = template();
    gateway = await startGateway(
      raw,
      {},
      { scope: standaloneScope(raw as unknown as CfnTemplate, REGION, 'Shop') },
    );

    // Act
    await fetch(`${gateway.url}/orders`);

    // Assert
    const event = gateway.lastEvent('Orders');
    expect(event.stageVariables).toEqual({ owner: 'Shop-orders' });
    expect(event.requestContext.apiId).toBe(localResourceId('Shop', 'Api'));
    expect(event.requestContext.resourceId).toBe(localResourceId('Shop', 'Resourceorders'));
  });

  it('should name its stack `local` when served alone', async () => {
    // Arrange
    gateway = await startGateway(template());

    // Act
    await fetch(`${gateway.url}/orders`);

    // Assert
    const event = gateway.lastEvent('Orders');
    expect(event.stageVariables).toEqual({ owner: 'local-orders' });
    expect(event.requestContext.apiId).toBe(localResourceId('local', 'Api'));
  });

  it('should stop the start, naming the resource, on a value it cannot resolve', () => {
    // Arrange
    const raw = template();
    const method = raw.Resources.MethodGETorders as { Properties: Record<string, unknown> };
    method.Properties.HttpMethod = { 'Fn::ImportValue': 'shared-verb' };

    // Act
    const check = () => checkApiTemplate(raw, REGION);

    // Assert
    expect(check).toThrow(UnsupportedTemplateError);
    expect(check).toThrow(
      /^MethodGETorders: the intrinsic function Fn::ImportValue is not supported locally/,
    );
  });
});
