import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { PropProblems } from './prop-problems';
import { requestModelSchema } from './request-model';

/**
 * The choices for API Gateway's account-level CloudWatch Logs role: one setting per account and
 * region, shared by every REST API there, which stage execution logging needs.
 */
export const API_GATEWAY_CLOUDWATCH_ROLE_CHOICES = ['existing', 'create-and-retain'] as const;

/** One of `API_GATEWAY_CLOUDWATCH_ROLE_CHOICES`. */
export type ApiGatewayCloudWatchRole = (typeof API_GATEWAY_CLOUDWATCH_ROLE_CHOICES)[number];

/** Whether `value` is one of `API_GATEWAY_CLOUDWATCH_ROLE_CHOICES`. */
export const isApiGatewayCloudWatchRole = (value: unknown): value is ApiGatewayCloudWatchRole =>
  (API_GATEWAY_CLOUDWATCH_ROLE_CHOICES as readonly unknown[]).includes(value);

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
  /**
   * API Gateway's account-level CloudWatch Logs role. `existing` creates nothing account-level
   * and relies on the role already set for the account and region (deploying fails if none is
   * set, because the stage writes execution logs). `create-and-retain` creates the role, sets it
   * for the account, and keeps both when the stack is deleted, so other APIs keep logging;
   * another stack doing the same in that account and region overwrites the setting.
   * @default 'existing'
   */
  readonly cloudWatchRole?: ApiGatewayCloudWatchRole;
}

export interface RouteProps {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Resource path, e.g. `/tasks/{taskId}`. */
  readonly path: string;
  readonly handler: lambda.IFunction;
  /** `IAM` requires a SigV4-signed request; `NONE` only for liveness. @default 'IAM' */
  readonly authorization?: 'IAM' | 'NONE';
  /** Validates the JSON body against this schema before the function runs. @default - no body */
  readonly requestBody?: { readonly name: string; readonly schema: z.core.$ZodType };
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
      ...cloudWatchRoleOptions(props.cloudWatchRole ?? 'existing'),
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
  if (props.cloudWatchRole !== undefined && !isApiGatewayCloudWatchRole(props.cloudWatchRole)) {
    problems.add(
      `cloudWatchRole must be ${API_GATEWAY_CLOUDWATCH_ROLE_CHOICES.join(' or ')} (given ${String(props.cloudWatchRole)})`,
    );
  }
  problems.throwIfAny();
};

// The account setting outlives any one stack: deleting the stack that set it must not take
// execution logging away from every other API in the account and region.
const cloudWatchRoleOptions = (
  choice: ApiGatewayCloudWatchRole,
): Pick<apigateway.RestApiProps, 'cloudWatchRole' | 'cloudWatchRoleRemovalPolicy'> =>
  choice === 'create-and-retain'
    ? { cloudWatchRole: true, cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN }
    : { cloudWatchRole: false };
