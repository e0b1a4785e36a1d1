/** DynamoDB on the local endpoint: dynalite in a worker thread of its own, behind the endpoint. */
export { DynaliteService, type DynaliteServiceOptions } from './dynalite-service';
