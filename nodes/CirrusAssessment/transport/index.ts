import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
} from 'n8n-workflow';

import { CIRRUS_PRODUCTION_BASE_URL } from '../../../credentials/CirrusAssessmentApi.credentials';
import { NodeApiError } from 'n8n-workflow';

import { credentialsOnce } from '../../shared/credentials';
import { apiErrorCodeOf, bodySnippet, buildApiError } from '../../shared/errors';
import type { RetryPolicy } from '../../shared/retry';
import { sendVendorRequest } from '../../shared/transport';
import { normaliseBaseUrl } from '../../shared/validation';

export const CIRRUS_CREDENTIAL_TYPE = 'cirrusAssessmentApi';

/** Cirrus "user has not been found". */
export const CIRRUS_USER_NOT_FOUND = 202;

export interface CirrusRequest {
	method: IHttpRequestMethods;
	/** Relative to the base URL, path parameters already encoded (see userPath). */
	path: string;
	body?: IDataObject;
	itemIndex: number;
	policy: RetryPolicy;
	/** For a POST whose outcome is unknown after a timeout or reset: did it take effect? */
	didLand?: () => Promise<boolean>;
}

/** `Content` of a successful envelope; `landed` when a POST's outcome was confirmed by didLand. */
export interface CirrusAnswer {
	content: unknown;
	landed: boolean;
}

interface CirrusEnvelope {
	Success?: boolean;
	Errors?: unknown;
	ErrorDetails?: Array<{ Code?: number; Error?: string }>;
	Content?: unknown;
}

/**
 * Assumed (the API documents no code for it): a POST /user for an ExternalId that is already in use
 * answers HTTP 400 with a text saying so. Used by Create or Update to fall back to PATCH.
 */
export function isExternalIdTaken(error: unknown): boolean {
	return (
		error instanceof NodeApiError &&
		String(error.httpCode) === '400' &&
		/already (exists|in use|taken)|is in use|duplicate/i.test(error.message)
	);
}

export function isNotFound(error: unknown): boolean {
	return apiErrorCodeOf(error) === CIRRUS_USER_NOT_FOUND;
}

export function userPath(externalId: string): string {
	return `/user/${encodeURIComponent(externalId)}`;
}

/**
 * The one way the node talks to Cirrus: base URL from the credential, EAPI auth through n8n's helper,
 * retries, and the Success/Errors/ErrorDetails/Content envelope unwrapped, including `Success: false`
 * answers that arrive with HTTP 200.
 */
export async function cirrusApiRequest(this: IExecuteFunctions, request: CirrusRequest): Promise<CirrusAnswer> {
	const node = this.getNode();
	const { itemIndex, method, path, policy } = request;
	const credentials = await credentialsOnce(this, CIRRUS_CREDENTIAL_TYPE, itemIndex);
	const secrets = [String(credentials.token ?? '')];
	const baseUrl =
		credentials.environment === 'custom'
			? normaliseBaseUrl(node, itemIndex, 'Base URL', credentials.baseUrl)
			: CIRRUS_PRODUCTION_BASE_URL;

	const answer = await sendVendorRequest(this, {
		vendor: 'Cirrus',
		credentialType: CIRRUS_CREDENTIAL_TYPE,
		baseUrl,
		method,
		path,
		body: request.body,
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		itemIndex,
		policy,
		secrets,
		didLand: request.didLand,
	});
	if (answer.landed) return { content: undefined, landed: true };

	const { statusCode, body } = answer;
	const envelope = isEnvelope(body) ? body : undefined;
	if (statusCode < 400 && envelope?.Success !== false) {
		return { content: envelope ? envelope.Content : body, landed: false };
	}

	const apiErrorCode = envelope?.ErrorDetails?.find((detail) => typeof detail?.Code === 'number')?.Code;
	const apiText = envelope ? errorText(envelope) : bodySnippet(body);
	const what = statusCode === 403 ? 'Cirrus refused the API token (HTTP 403)' : `Cirrus answered HTTP ${statusCode}`;
	const message = apiText
		? `${apiText}${apiErrorCode !== undefined ? ` (code ${apiErrorCode})` : ''}`
		: what;
	throw buildApiError(
		node,
		{
			message: statusCode === 403 && apiText ? `${what}: ${message}` : message,
			description: `${what} to ${method} ${path}`,
			httpCode: statusCode,
			itemIndex,
			apiErrorCode,
			earlierAttemptMayHaveLanded: answer.earlierAttemptMayHaveLanded,
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
