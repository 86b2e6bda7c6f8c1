export interface RetryPolicy {
	/** Further attempts after the first one. */
	retries: number;
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, timeoutMs: 30_000 };

/** Answers that say "not now": 429 from the API, 502/503/504 from it or a gateway in front of it. */
export const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
/** Longest wait a Retry-After header can impose; a longer one is cut to this. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Connection never made: the request did not reach the server, so even a POST can be sent again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Failed after the request may have been received. */
const MAYBE_SENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TIMEOUT_TEXT = /timeout of \d+ms exceeded|timed? ?out/i;
const HANG_UP_TEXT = /socket hang up|ECONNRESET/i;

export interface NetworkFailure {
	/** 'not-sent': the server never saw the request; 'maybe-sent': it may have, and may have acted on it. */
	kind: 'not-sent' | 'maybe-sent';
	code: string;
	timedOut: boolean;
}

/**
 * The network failure behind a request helper's error, read the same way on both n8n lines: n8n-core
 * 2.x keeps axios' error (and its `code`) as `cause`; 1.x keeps only a NodeApiError whose `httpCode`
 * holds the code ("ECONNRESET") and whose `messages` hold axios' texts ("socket hang up").
 */
export function networkFailureOf(error: unknown): NetworkFailure | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		const { code, httpCode, message, messages } = current as Record<string, unknown>;
		for (const candidate of [code, httpCode]) {
			if (typeof candidate !== 'string') continue;
			if (NOT_SENT_CODES.has(candidate)) return { kind: 'not-sent', code: candidate, timedOut: false };
			if (MAYBE_SENT_CODES.has(candidate)) {
				return { kind: 'maybe-sent', code: candidate, timedOut: TIMEOUT_CODES.has(candidate) };
			}
		}
		const texts = [message, ...(Array.isArray(messages) ? messages : [])].filter((text) => typeof text === 'string');
		if (texts.some((text) => TIMEOUT_TEXT.test(text))) return { kind: 'maybe-sent', code: 'ETIMEDOUT', timedOut: true };
		if (texts.some((text) => HANG_UP_TEXT.test(text))) return { kind: 'maybe-sent', code: 'ECONNRESET', timedOut: false };
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

export function retryAfterMs(header: unknown, nowMs: number): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_CAP_MS);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.min(Math.max(date - nowMs, 0), RETRY_AFTER_CAP_MS);
}

/** Exponential backoff with jitter: a random wait between half of and all of base * 2^attempt, capped. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * When to read again while settling a write whose outcome is unknown: `retries + 1` reads whose gaps
 * double, the last one Request Timeout after the first failure. An API still working on the write has
 * had as long again as the node waited for its answer.
 */
export function settleReadDelaysMs(policy: RetryPolicy): number[] {
	const reads = policy.retries + 1;
	const unit = policy.timeoutMs / (2 ** reads - 1);
	return Array.from({ length: reads }, (_, read) => Math.round(unit * 2 ** read));
}
