/**
 * The one way the project makes a Temporal client (API, worker, tests, bench): its payloads go
 * through the project's data converter, and an Update the server dropped unanswered is sent again.
 */
import { Client, type ConnectionLike } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { resendUnprocessedUpdates } from './resend-unprocessed-updates';

export interface ProjectClientOptions {
  connection: ConnectionLike;
  namespace: string;
  dataConverter: DataConverter;
}

export function projectClient({ connection, namespace, dataConverter }: ProjectClientOptions): Client {
  return new Client({ connection, namespace, dataConverter, interceptors: { workflow: [resendUnprocessedUpdates()] } });
}
