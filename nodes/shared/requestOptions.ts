import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY } from './retry';
import type { Run } from './run';
import { toBoundedInteger } from './validation';

/** Max Concurrent Requests' upper bound; maxConcurrentRequestsOption shows the same number. */
export const MAX_CONCURRENT_REQUESTS = 20;

// The options every operation of both nodes offers, in each operation's Options collection, after
// the operation's own options.

export const maxConcurrentRequestsOption: INodeProperties = {
	displayName: 'Max Concurrent Requests',
	name: 'maxConcurrentRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20, numberPrecision: 0 },
	default: 1,
	description:
		'How many items are sent to the API at the same time. Output order and item pairing stay as the input, and items with the same external ID are written one after another, in input order.',
};

export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout (Seconds)',
	name: 'requestTimeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600, numberPrecision: 0 },
	default: 30,
	description:
		'How long to wait for each API answer. A create whose answer does not come in time is settled by reading the user for as long again before anything is sent twice.',
};

export const retriesOption: INodeProperties = {
	displayName: 'Retries',
	name: 'retries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
	default: 3,
	description:
		'How often a request is repeated after HTTP 429, 502, 503, 504 or a network error, waiting longer each time and as long as the API asks (Retry-After). Validation errors (400) and refused credentials are never retried.',
};

/**
 * Retries, Request Timeout and Max Concurrent Requests apply to the whole run: read once, from the
 * first item, instead of once per item on the hot path of a 10 000-item sync.
 */
export function readRequestOptions(context: IExecuteFunctions): { policy: RetryPolicy; concurrency: number } {
	const node = context.getNode();
	const option = (name: string, fallback: number) => context.getNodeParameter(`options.${name}`, 0, fallback);
	return {
		policy: {
			retries: toBoundedInteger(node, 0, 'Retries', option('retries', DEFAULT_RETRY_POLICY.retries), 0, 10),
			timeoutMs:
				toBoundedInteger(node, 0, 'Request Timeout', option('requestTimeout', DEFAULT_RETRY_POLICY.timeoutMs / 1000), 1, 600) *
				1000,
		},
		concurrency: toBoundedInteger(node, 0, 'Max Concurrent Requests', option('maxConcurrentRequests', 1), 1, MAX_CONCURRENT_REQUESTS),
	};
}

/** One entry of an operation's "Options" collection, with its default when the user did not add it. */
export function readOption<T>(run: Run, itemIndex: number, name: string, fallback: T): T {
	return run.context.getNodeParameter(`options.${name}`, itemIndex, fallback) as T;
}
