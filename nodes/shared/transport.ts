import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IN8nHttpFullResponse, INode } from 'n8n-workflow';

import type { NodeApiError } from 'n8n-workflow';

import { buildApiError } from './errors';
import type { RetryPolicy, SendResult } from './retry';
import { sendWithRetries } from './retry';

export interface VendorRequest {
	/** The vendor as users know it, for error messages: "Cirrus", "KMI Learning". */
	vendor: string;
	credentialType: string;
	baseUrl: string;
	method: IHttpRequestMethods;
	/** Relative to baseUrl, path parameters already encoded. */
	path: string;
	query?: IDataObject;
	body?: IDataObject;
	headers: IDataObject;
	itemIndex: number;
	policy: RetryPolicy;
	/** Credential values that must never appear in an error. */
	secrets: readonly string[];
	/** For a POST whose outcome is unknown after a timeout or reset: did it take effect? */
	didLand?: () => Promise<boolean>;
}

export type VendorResponse =
	| { landed: false; statusCode: number; body: unknown; earlierAttemptMayHaveLanded: boolean }
	/** A POST whose answer was lost, confirmed by didLand to have taken effect. */
	| { landed: true };

/**
 * What both vendors' transports share: the call through n8n's authenticated request helper, with
 * retries and the POST safety of sendWithRetries. HTTP errors come back as answers for the vendor to
 * read; a request that got no answer at all throws an error naming the call, without secrets.
 */
export async function sendVendorRequest(context: IExecuteFunctions, request: VendorRequest): Promise<VendorResponse> {
	const { method, path, policy } = request;
	const send = async (): Promise<IN8nHttpFullResponse> =>
		(await context.helpers.httpRequestWithAuthentication.call(context, request.credentialType, {
			method,
			url: `${request.baseUrl}${path}`,
			qs: request.query,
			headers: request.headers,
			body: request.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: policy.timeoutMs,
		})) as IN8nHttpFullResponse;

	const result = await sendWithRetries(send, { policy, replaySafe: method !== 'POST', didLand: request.didLand });
	if (result.kind === 'landed') return { landed: true };
	if (result.kind === 'failed') throw requestFailedError(context.getNode(), request, result);
	const { statusCode, body } = result.response;
	return { landed: false, statusCode, body, earlierAttemptMayHaveLanded: result.earlierAttemptMayHaveLanded };
}

/** The error for a request that got no HTTP answer (refused, reset, timed out), after its retries. */
function requestFailedError(
	node: INode,
	request: VendorRequest,
	result: Extract<SendResult, { kind: 'failed' }>,
): NodeApiError {
	const { error, failure, attempts } = result;
	const reason = failure ? failure.code : error instanceof Error ? error.message : String(error);
	return buildApiError(
		node,
		{
			message: `Could not complete ${request.method} ${request.path} at ${request.vendor}: ${reason}`,
			description: failure
				? `The request failed after ${attempts} attempt(s). Check that ${request.baseUrl} is reachable, or raise Retries / Request Timeout in the node's options.`
				: undefined,
			itemIndex: request.itemIndex,
			outcomeUnknown: failure?.kind === 'maybe-sent' && request.method === 'POST',
		},
		request.secrets,
	);
}
