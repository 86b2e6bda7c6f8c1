import type { ICredentialsDecrypted, IExecuteFunctions, INode } from 'n8n-workflow';

import { AdaptiveLimit } from './limiter';
import { readRequestOptions } from './requestOptions';
import type { RetryPolicy } from './retry';
import type { Api } from './transport';

/**
 * The state of one node run, read once before the first item and passed down to every operation:
 * the run-wide options, and the vendor's API with the credential already read and decrypted.
 */
export interface Run {
	readonly context: IExecuteFunctions;
	readonly node: INode;
	readonly api: Api;
	readonly policy: RetryPolicy;
	/** Max Concurrent Requests: items under way at once. */
	readonly concurrency: number;
	/** Requests in flight: up to Max Concurrent Requests, fewer while the API answers 429. */
	readonly inFlight: AdaptiveLimit;
}

/** Reads the vendor's credential and returns its API as this run uses it. */
export type Connect = (context: IExecuteFunctions) => Promise<Api>;

export async function startRun(context: IExecuteFunctions, connect: Connect): Promise<Run> {
	const { policy, concurrency } = readRequestOptions(context);
	return { context, node: context.getNode(), api: await connect(context), policy, concurrency, inFlight: new AdaptiveLimit(concurrency) };
}

/**
 * The node's credential of this type, decrypted once. n8n's request helper would otherwise read and
 * decrypt it from the database on every request.
 */
export async function readCredential(context: IExecuteFunctions, type: string): Promise<ICredentialsDecrypted> {
	const data = await context.getCredentials(type, 0);
	const reference = context.getNode().credentials?.[type];
	return { id: reference?.id ?? '', name: reference?.name ?? type, type, data };
}
