import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** An API Gateway proxy event whose JSON body the middleware stack has already parsed. */
export type ParsedBodyEvent = Omit<APIGatewayProxyEvent, 'body'> & { body: unknown };

export type HttpMiddleware<Event = APIGatewayProxyEvent> = MiddlewareObj<Event, unknown, Error, Context>;
