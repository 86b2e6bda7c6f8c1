import type { IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

export interface RetryPolicy {
	/** Further attempts after the first one. */
	retries: number;
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, timeoutMs: 30_000 };

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
/** Longest wait a Retry-After header can impose; a longer one is cut to this. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Connection never made: the request did not reach the server, so even a POST can be sent again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Failed after the request may have been received: safe to repeat only for reads and idempotent writes. */
const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export type NetworkFailure = 'not-sent' | 'maybe-sent';

/** Walks an error and its causes for a Node/axios network error code. */
export function networkFailureOf(error: unknown): { kind: NetworkFailure; code: string } | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const { code, message } = current as { code?: unknown; message?: unknown };
		if (typeof code === 'string') {
			if (NOT_SENT_CODES.has(code)) return { kind: 'not-sent', code };
			if (MAYBE_SENT_CODES.has(code)) return { kind: 'maybe-sent', code };
		}
		if (typeof message === 'string') {
			if (/timeout of \d+ms exceeded|socket hang up/i.test(message)) return { kind: 'maybe-sent', code: 'ETIMEDOUT' };
		}
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

/** Exponential backoff with full jitter: a random wait up to base * 2^attempt, capped. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export type SendResult =
	| { kind: 'response'; response: IN8nHttpFullResponse; attempts: number; earlierAttemptMayHaveLanded: boolean }
	/** A network failure that outlasted the retries, or that may not be retried; `error` is the helper's. */
	| { kind: 'failed'; error: unknown; failure?: { kind: NetworkFailure; code: string }; attempts: number }
	/** A non-replayable request failed after it may have been sent, and the caller's check found it had landed. */
	| { kind: 'landed'; attempts: number };

export interface SendOptions {
	policy: RetryPolicy;
	/** GET, PUT, PATCH, DELETE may be repeated; a POST may not once it may have been received. */
	replaySafe: boolean;
	/** For a non-replayable request whose outcome is unknown: asks the server whether it took effect. */
	didLand?: () => Promise<boolean>;
}

/**
 * Sends with retries on 429/502/503/504 and network failures, waiting with exponential backoff and
 * jitter or as long as Retry-After says. HTTP errors are answers, not exceptions: `send` must use
 * ignoreHttpStatusErrors. Failures are returned, not thrown, so that the vendor's transport builds the error.
 */
export async function sendWithRetries(
	send: () => Promise<IN8nHttpFullResponse>,
	options: SendOptions,
): Promise<SendResult> {
	const { policy } = options;
	let earlierAttemptMayHaveLanded = false;
	for (let attempt = 0; ; attempt++) {
		const attempts = attempt + 1;
		const canRetry = attempt < policy.retries;
		let response: IN8nHttpFullResponse;
		try {
			response = await send();
		} catch (error) {
			const failure = networkFailureOf(error);
			if (!failure || !canRetry) return { kind: 'failed', error, failure, attempts };
			if (failure.kind === 'maybe-sent') {
				if (!options.replaySafe) {
					if (!options.didLand) return { kind: 'failed', error, failure, attempts };
					if (await options.didLand()) return { kind: 'landed', attempts };
				}
				earlierAttemptMayHaveLanded = true;
			}
			await sleep(backoffMs(attempt));
			continue;
		}
		if (!RETRYABLE_STATUSES.has(response.statusCode) || !canRetry) {
			return { kind: 'response', response, attempts, earlierAttemptMayHaveLanded };
		}
		const headers = response.headers ?? {};
		await sleep(retryAfterMs(headers['retry-after'], Date.now()) ?? backoffMs(attempt));
	}
}
