import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY } from './retry';
import { toBoundedInteger } from './validation';

export const MAX_CONCURRENT_REQUESTS = 20;

/** Options every operation of both vendors' nodes offers, inside its "Options" collection. */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrentRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENT_REQUESTS, numberPrecision: 0 },
		default: 1,
		description:
			'How many items are sent to the API at the same time. Output order and item pairing stay as the input.',
	},
	{
		displayName: 'Request Timeout',
		name: 'requestTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600, numberPrecision: 0 },
		default: 30,
		description: 'Seconds to wait for each API answer before the request counts as failed',
	},
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
		default: 3,
		description:
			'How often a request is repeated after HTTP 429, 502, 503, 504 or a network error, waiting longer each time and as long as the API asks (Retry-After). Validation errors (400) and refused tokens (403) are never retried.',
	},
];

const policiesByRun = new WeakMap<IExecuteFunctions, RetryPolicy>();

/**
 * Retries and Request Timeout apply to the whole run, like Max Concurrent Requests: read once, from
 * the first item, instead of once per item on the hot path of a 10 000-item sync.
 */
export function readRetryPolicy(context: IExecuteFunctions): RetryPolicy {
	const cached = policiesByRun.get(context);
	if (cached) return cached;
	const node = context.getNode();
	const retries = context.getNodeParameter('options.retries', 0, DEFAULT_RETRY_POLICY.retries);
	const timeout = context.getNodeParameter('options.requestTimeout', 0, DEFAULT_RETRY_POLICY.timeoutMs / 1000);
	const policy = {
		retries: toBoundedInteger(node, 0, 'Retries', retries, 0, 10),
		timeoutMs: toBoundedInteger(node, 0, 'Request Timeout', timeout, 1, 600) * 1000,
	};
	policiesByRun.set(context, policy);
	return policy;
}

/** Concurrency is one value for the whole run, so it is read from the first item. */
export function readConcurrency(context: IExecuteFunctions): number {
	const value = context.getNodeParameter('options.maxConcurrentRequests', 0, 1);
	return toBoundedInteger(context.getNode(), 0, 'Max Concurrent Requests', value, 1, MAX_CONCURRENT_REQUESTS);
}

/** One entry of an operation's "Options" collection, with its default when the user did not add it. */
export function readOption<T>(context: IExecuteFunctions, itemIndex: number, name: string, fallback: T): T {
	return context.getNodeParameter(`options.${name}`, itemIndex, fallback) as T;
}
