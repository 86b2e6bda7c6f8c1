import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { KMI_API_PATH } from '../../../credentials/KmiLearningApi.credentials';
import { credentialsOnce } from '../../shared/credentials';
import { bodySnippet, buildApiError } from '../../shared/errors';
import type { RetryPolicy } from '../../shared/retry';
import { sendVendorRequest } from '../../shared/transport';
import { normaliseBaseUrl } from '../../shared/validation';

export const KMI_CREDENTIAL_TYPE = 'kmiLearningApi';

/**
 * Assumed (KMI documents no error codes): an external ID with no user answers HTTP 404. Every
 * "not found" decision of the node goes through isNotFound().
 */
export const KMI_NOT_FOUND_STATUS = 404;

/** Every documented path ends with a slash; the external ID is one URL-encoded path segment. */
export const USERS_PATH = '/users/';

export function userPath(externalId: string): string {
	return `/users/external_id/${encodeURIComponent(externalId)}/`;
}

export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === String(KMI_NOT_FOUND_STATUS);
}

export interface KmiRequest {
	method: IHttpRequestMethods;
	/** Relative to {baseUrl}/api/v2, path parameters already encoded (see userPath). */
	path: string;
	query?: IDataObject;
	body?: IDataObject;
	itemIndex: number;
	policy: RetryPolicy;
	/** For a POST whose outcome is unknown after a timeout or reset: did it take effect? */
	didLand?: () => Promise<boolean>;
}

/** The answer's body as sent (KMI has no envelope); `landed` when a POST was confirmed by didLand. */
export interface KmiAnswer {
	body: unknown;
	landed: boolean;
}

/**
 * The one way the node talks to KMI Learning: the customer's host from the credential, the key and
 * secret headers through n8n's helper, retries, and 4xx/5xx answers turned into errors that carry
 * the API's own words.
 */
export async function kmiApiRequest(this: IExecuteFunctions, request: KmiRequest): Promise<KmiAnswer> {
	const node = this.getNode();
	const { itemIndex, method, path, policy } = request;
	const credentials = await credentialsOnce(this, KMI_CREDENTIAL_TYPE, itemIndex);
	const secrets = [String(credentials.apiKey ?? ''), String(credentials.apiSecret ?? '')];
	const baseUrl = normaliseBaseUrl(node, itemIndex, 'Base URL', credentials.baseUrl);

	const answer = await sendVendorRequest(this, {
		vendor: 'KMI Learning',
		credentialType: KMI_CREDENTIAL_TYPE,
		baseUrl: `${baseUrl}${KMI_API_PATH}`,
		method,
		path,
		query: request.query,
		body: request.body,
		headers: { Accept: 'application/json', ...(request.body ? { 'Content-Type': 'application/json' } : {}) },
		itemIndex,
		policy,
		secrets,
		didLand: request.didLand,
	});
	if (answer.landed) return { body: undefined, landed: true };
	const { statusCode, body } = answer;
	if (statusCode < 400) return { body, landed: false };

	const apiText = errorText(body);
	const what =
		statusCode === 401
			? 'KMI Learning refused the API key or secret (HTTP 401)'
			: `KMI Learning answered HTTP ${statusCode}`;
	throw buildApiError(
		node,
		{
			message: statusCode === 401 ? (apiText ? `${what}: ${apiText}` : what) : apiText || what,
			description: `${what} to ${method} ${path}`,
			httpCode: statusCode,
			itemIndex,
			earlierAttemptMayHaveLanded: answer.earlierAttemptMayHaveLanded,
		},
		secrets,
	);
}

/**
 * KMI documents no error body. Common shapes are read: `{detail}`, `{message}`, `{error}`, and field
 * errors such as `{"email": ["This field is required."]}`; anything else is shown shortened.
 */
function errorText(body: unknown): string {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return bodySnippet(body);
	const object = body as IDataObject;
	for (const key of ['detail', 'message', 'error', 'error_description']) {
		if (typeof object[key] === 'string' && object[key] !== '') return object[key] as string;
	}
	const parts = Object.entries(object).map(([key, value]) => {
		const texts = (Array.isArray(value) ? value : [value]).map((entry) =>
			typeof entry === 'string' ? entry : JSON.stringify(entry),
		);
		return `${key}: ${texts.join(' ')}`;
	});
	return bodySnippet(parts.join('; '));
}
