import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { CIRRUS_API_PATH, CIRRUS_PRODUCTION_BASE_URL } from '../../../credentials/CirrusAssessmentApi.credentials';
import { bodySnippet, buildApiError } from '../../shared/errors';
import { readCredential } from '../../shared/run';
import type { Api, ApiRequest, HttpAnswer } from '../../shared/transport';
import { apiBaseUrl } from '../../shared/validation';

export const CIRRUS_CREDENTIAL_TYPE = 'cirrusAssessmentApi';

/** Cirrus "user has not been found". */
export const CIRRUS_USER_NOT_FOUND = 202;

interface CirrusEnvelope {
	Success?: boolean;
	Errors?: unknown;
	ErrorDetails?: Array<{ Code?: number; Error?: string }>;
	Content?: unknown;
}

/**
 * Cirrus refused the request itself (HTTP 400: validation, or an ExternalId in use, for which the API
 * documents no code or text). Create or Update reads the user after such a refusal instead of
 * matching words.
 */
export function isRefusal(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '400';
}

export function userPath(externalId: string): string {
	return `/user/${encodeURIComponent(externalId)}`;
}

/**
 * Cirrus as a run uses it, the credential read once: base URL, EAPI token (applied by the credential's
 * `authenticate` through n8n's helper), and answers read from the Success/Errors/ErrorDetails/Content
 * envelope. Requests go through the shared sendRequest (retries, write safety).
 */
export async function connectCirrus(context: IExecuteFunctions): Promise<Api> {
	const node = context.getNode();
	const credential = await readCredential(context, CIRRUS_CREDENTIAL_TYPE);
	const data = credential.data ?? {};
	const secrets = [String(data.token ?? '')];
	return {
		name: 'Cirrus',
		credentialType: CIRRUS_CREDENTIAL_TYPE,
		baseUrl: data.environment === 'custom' ? apiBaseUrl(node, 'Base URL', data.baseUrl, CIRRUS_API_PATH) : CIRRUS_PRODUCTION_BASE_URL,
		secrets,
		credential,
		headers: () => ({ 'Content-Type': 'application/json', Accept: 'application/json' }),
		readAnswer: (answer, request) => readCirrusAnswer(node, secrets, answer, request),
	};
}

/** `Content` of a successful envelope; otherwise an error with Cirrus' own words, including `Success: false` in a 200. */
function readCirrusAnswer(node: INode, secrets: readonly string[], answer: HttpAnswer, request: ApiRequest): unknown {
	const { statusCode, body } = answer;
	const envelope = isEnvelope(body) ? body : undefined;
	if (statusCode < 400 && envelope?.Success !== false) return envelope ? envelope.Content : body;

	const apiErrorCode = envelope?.ErrorDetails?.find((detail) => typeof detail?.Code === 'number')?.Code;
	const apiText = envelope ? errorText(envelope) : bodySnippet(body);
	const what = statusCode === 403 ? 'Cirrus refused the API token (HTTP 403)' : `Cirrus answered HTTP ${statusCode}`;
	const message = apiText ? `${apiText}${apiErrorCode !== undefined ? ` (code ${apiErrorCode})` : ''}` : what;
	throw buildApiError(
		node,
		{
			message: statusCode === 403 && apiText ? `${what}: ${message}` : message,
			description: `${what} to ${request.method} ${request.path}`,
			httpCode: statusCode,
			itemIndex: request.itemIndex,
			apiErrorCode,
			notFound: apiErrorCode === CIRRUS_USER_NOT_FOUND,
		},
		secrets,
	);
}

function isEnvelope(body: unknown): body is CirrusEnvelope {
	return typeof body === 'object' && body !== null && !Array.isArray(body) && 'Success' in body;
}

function errorText(envelope: CirrusEnvelope): string {
	const fromDetails = (envelope.ErrorDetails ?? [])
		.map((detail) => detail?.Error)
		.filter((text): text is string => typeof text === 'string' && text !== '');
	if (fromDetails.length > 0) return [...new Set(fromDetails)].join('; ');
	const { Errors } = envelope;
	if (typeof Errors === 'string') return Errors;
	if (Array.isArray(Errors)) {
		return Errors.map((entry) =>
			typeof entry === 'string' ? entry : String((entry as IDataObject)?.Error ?? (entry as IDataObject)?.Message ?? JSON.stringify(entry)),
		).join('; ');
	}
	return '';
}
