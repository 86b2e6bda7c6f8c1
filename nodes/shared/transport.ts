import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import { requestFailedError } from './errors';
import type { RetryPolicy } from './retry';
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
	if (result.kind === 'failed') {
		const { vendor, baseUrl, itemIndex } = request;
		throw requestFailedError(context.getNode(), { vendor, method, path, baseUrl, itemIndex, result }, request.secrets);
	}
	const { statusCode, body } = result.response;
	return { landed: false, statusCode, body, earlierAttemptMayHaveLanded: result.earlierAttemptMayHaveLanded };
}
