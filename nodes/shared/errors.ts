import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

const REDACTED = '[redacted]';

/** Replaces every secret (token, API key) found in a text; secrets shorter than 4 characters are not searched. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join(REDACTED);
	}
	return result;
}

export interface ApiErrorDetails {
	message: string;
	description?: string;
	httpCode?: number | string;
	itemIndex: number;
	/** The vendor's own error code (Cirrus "Code"), kept on error.context for callers that branch on it. */
	apiErrorCode?: number;
	/** Set when a write failed after it may have reached the server, and no read settled it. */
	outcomeUnknown?: boolean;
	/** Set only when the API itself said that there is no such user (its own answer, not any 404). */
	notFound?: boolean;
}

/**
 * Builds a NodeApiError from scratch with our own message. The raw error of the request helper is never
 * passed on: it carries the request options, and with them the Authorization header.
 */
export function buildApiError(node: INode, details: ApiErrorDetails, secrets: readonly string[]): NodeApiError {
	const message = redactSecrets(details.message, secrets);
	const description = details.description ? redactSecrets(details.description, secrets) : undefined;
	const httpCode = details.httpCode === undefined ? undefined : String(details.httpCode);
	const error = new NodeApiError(node, { message, description: description ?? '' } as JsonObject, {
		message,
		description,
		httpCode,
		itemIndex: details.itemIndex,
	});
	// NodeApiError swaps messages that mention a network code (ECONNREFUSED…) for a generic text;
	// ours already says what failed and where, so it is put back.
	error.message = message;
	if (details.apiErrorCode !== undefined) error.context.apiErrorCode = details.apiErrorCode;
	if (details.outcomeUnknown) error.context.outcomeUnknown = true;
	if (details.notFound) error.context.notFound = true;
	return error;
}

/** Whether the vendor's API itself answered that the user does not exist (the vendor's transport decides). */
export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.notFound === true;
}

/** Marks an error that answered a repeat of a write whose earlier attempt may have taken effect. */
export function markEarlierAttemptMayHaveLanded(error: unknown): void {
	if (error instanceof NodeApiError) error.context.earlierAttemptMayHaveLanded = true;
}

export function earlierAttemptMayHaveLanded(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.earlierAttemptMayHaveLanded === true;
}

/** Makes any failure of one item a NodeOperationError/NodeApiError that names the item. */
export function asItemError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}

/**
 * An error body that is not the vendor's structured error, shortened: of an HTML page (a gateway's 502,
 * a server's 500) its title or first heading, else its text without tags.
 */
export function bodySnippet(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const heading = /<title[^>]*>([^<]+)<\/title>|<h1[^>]*>([^<]+)<\/h1>/i.exec(text);
	const plain = (heading ? (heading[1] ?? heading[2]) : text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
	return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}
