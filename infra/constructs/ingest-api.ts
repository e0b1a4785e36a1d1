import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { PropProblems } from './prop-problems';
import { requestModelSchema } from './request-model';

export interface IngestApiProps {
  /** @default 'prod' */
  readonly stageName?: string;
  /** Steady-state requests per second across the stage. @default 100 */
  readonly throttlingRateLimit?: number;
  /** Burst of requests the stage absorbs. @default 200 */
  readonly throttlingBurstLimit?: number;
  /** Origins allowed by CORS. @default - CORS off */
  readonly corsAllowOrigins?: readonly string[];
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly accessLogRetention?: logs.RetentionDays;
}

export interface RouteProps {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Resource path, e.g. `/tasks/{taskId}`. */
  readonly path: string;
  readonly handler: lambda.IFunction;
  /** `IAM` requires a SigV4-signed request; `NONE` only for liveness. @default 'IAM' */
  readonly authorization?: 'IAM' | 'NONE';
  /** Validates the JSON body against this schema before the function runs. @default - no body */
  readonly requestBody?: { readonly name: string; readonly schema: z.ZodType };
}

/**
 * The REST ingest: a regional API Gateway REST API with IAM auth by default, request
 * validation from the zod contracts, stage throttling, JSON access logs, execution logs
 * without payloads, X-Ray tracing, and gateway errors in the same JSON shape as the functions'.
 */
export class IngestApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly accessLogGroup: logs.LogGroup;
  private readonly validator: apigateway.RequestValidator;

  constructor(scope: Construct, id: string, props: IngestApiProps = {}) {
    super(scope, id);
    validateProps(props);
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigateway.RestApi(this, 'Api', {
      description: 'Switchyard ingest: tasks, events and flows',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY,
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
      defaultCorsPreflightOptions: props.corsAllowOrigins?.length
        ? { allowOrigins: [...props.corsAllowOrigins], allowMethods: ['GET', 'POST', 'OPTIONS'] }
        : undefined,
      deployOptions: {
        stageName: props.stageName ?? 'prod',
        throttlingRateLimit: props.throttlingRateLimit ?? 100,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 200,
        loggingLevel: apigateway.MethodLoggingLevel.INFO,
        // Request and response bodies may hold customer data: never written to execution logs.
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
    });
    this.validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    this.addGatewayResponses();
  }

  /** The stage URL, ending with a slash. */
  get url(): string {
    return this.api.url;
  }

  addRoute(route: RouteProps): apigateway.Method {
    const resource = this.api.root.resourceForPath(route.path);
    const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
    const requestModels = route.requestBody && {
      'application/json': this.api.addModel(`${route.requestBody.name}Model`, {
        modelName: route.requestBody.name,
        contentType: 'application/json',
        schema: requestModelSchema(route.requestBody.schema),
      }),
    };
    return resource.addMethod(
      route.method,
      new apigateway.LambdaIntegration(route.handler, { timeout: Duration.seconds(29) }),
      {
        authorizationType:
          route.authorization === 'NONE'
            ? apigateway.AuthorizationType.NONE
            : apigateway.AuthorizationType.IAM,
        requestValidator: this.validator,
        requestModels,
        requestParameters: Object.fromEntries(
          pathParameters.map((name) => [`method.request.path.${name}`, true]),
        ),
      },
    );
  }

  private addGatewayResponses(): void {
    const body = (code: string, message: string) => `{"error":{"code":"${code}","message":${message}}}`;
    const json = (template: string) => ({ 'application/json': template });
    const responses: [string, apigateway.ResponseType, string][] = [
      [
        'BadRequestBody',
        apigateway.ResponseType.BAD_REQUEST_BODY,
        body('VALIDATION_FAILED', '"$context.error.validationErrorString"'),
      ],
      [
        'Default4xx',
        apigateway.ResponseType.DEFAULT_4XX,
        body('$context.error.responseType', '$context.error.messageString'),
      ],
      [
        'Default5xx',
        apigateway.ResponseType.DEFAULT_5XX,
        body('$context.error.responseType', '$context.error.messageString'),
      ],
    ];
    for (const [id, type, template] of responses) {
      this.api.addGatewayResponse(id, {
        type,
        templates: json(template),
        responseHeaders: { 'x-correlation-id': 'method.request.header.X-Correlation-Id' },
      });
    }
  }
}

const validateProps = (props: IngestApiProps): void => {
  const problems = new PropProblems('IngestApi');
  if (props.throttlingRateLimit !== undefined && !(props.throttlingRateLimit > 0)) {
    problems.add(`throttlingRateLimit must be positive (given ${props.throttlingRateLimit})`);
  }
  if (
    props.throttlingBurstLimit !== undefined &&
    !(Number.isInteger(props.throttlingBurstLimit) && props.throttlingBurstLimit > 0)
  ) {
    problems.add(`throttlingBurstLimit must be a positive integer (given ${props.throttlingBurstLimit})`);
  }
  if (props.stageName !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(props.stageName)) {
    problems.add(`stageName must be 1 to 128 of A-Z a-z 0-9 _ - (given ${props.stageName})`);
  }
  problems.throwIfAny();
};
