import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { KMI_API_PATH } from '../../../credentials/KmiLearningApi.credentials';
import { bodySnippet, buildApiError } from '../../../../../nodes/shared/errors';
import { readCredential } from '../../../../../nodes/shared/run';
import type { Api, ApiRequest, HttpAnswer } from '../../../../../nodes/shared/transport';
import { apiBaseUrl } from '../../../../../nodes/shared/validation';

export const KMI_CREDENTIAL_TYPE = 'kmiLearningApi';

/**
 * Assumed (KMI documents no error codes): an external ID with no user answers HTTP 404 with a JSON
 * object, e.g. {"detail": "Not found."}. Only that answer means "no such user" (isKmiNotFound); a 404
 * page that is not JSON comes from something else at the Base URL and is an error.
 */
export const KMI_NOT_FOUND_STATUS = 404;

function isKmiNotFound(answer: HttpAnswer): boolean {
	const { statusCode, body } = answer;
	return statusCode === KMI_NOT_FOUND_STATUS && typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** Every documented path ends with a slash; the external ID is one URL-encoded path segment. */
export const USERS_PATH = '/users/';

export function userPath(externalId: string): string {
	return `/users/external_id/${encodeURIComponent(externalId)}/`;
}

/**
 * KMI Learning as a run uses it, the credential read once: the customer's host, the key and secret
 * headers (applied by the credential's `authenticate` through n8n's helper), and 4xx/5xx answers
 * turned into errors that carry the API's own words. Requests go through the shared sendRequest
 * (retries, write safety). KMI has no envelope: a successful answer's body is the content.
 */
export async function connectKmi(context: IExecuteFunctions): Promise<Api> {
	const node = context.getNode();
	const credential = await readCredential(context, KMI_CREDENTIAL_TYPE);
	const data = credential.data ?? {};
	const secrets = [String(data.apiKey ?? ''), String(data.apiSecret ?? '')];
	const baseUrl = apiBaseUrl(node, 'Base URL', data.baseUrl, KMI_API_PATH);
	return {
		name: 'KMI Learning',
		credentialType: KMI_CREDENTIAL_TYPE,
		baseUrl,
		secrets,
		credential,
		headers: (request) => ({ Accept: 'application/json', ...(request.body ? { 'Content-Type': 'application/json' } : {}) }),
		readAnswer: (answer, request) => readKmiAnswer(node, secrets, String(data.baseUrl ?? '').trim(), answer, request),
	};
}

function readKmiAnswer(
	node: INode,
	secrets: readonly string[],
	baseUrl: string,
	answer: HttpAnswer,
	request: ApiRequest,
): unknown {
	const { statusCode, body } = answer;
	if (statusCode < 400) return body;
	const apiText = errorText(body);
	const what =
		statusCode === 401
			? 'KMI Learning refused the API key or secret (HTTP 401)'
			: `KMI Learning answered HTTP ${statusCode}`;
	const notTheApi = statusCode === KMI_NOT_FOUND_STATUS && !isKmiNotFound(answer);
	const message = notTheApi
		? `${what} with a page that is not the API's answer${apiText ? ` (${apiText})` : ''}: check the Base URL in the credential (${baseUrl})`
		: statusCode === 401
			? (apiText ? `${what}: ${apiText}` : what)
			: apiText || what;
	throw buildApiError(
		node,
		{
			message,
			description: `${what} to ${request.method} ${request.path}`,
			httpCode: statusCode,
			itemIndex: request.itemIndex,
			notFound: isKmiNotFound(answer),
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
