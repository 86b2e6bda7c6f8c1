import type {
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	NodeApiError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { asItemError, buildApiError, markEarlierAttemptMayHaveLanded } from './errors';
import type { NetworkFailure } from './retry';
import { backoffMs, networkFailureOf, RETRYABLE_STATUSES, retryAfterMs, settleReadDelaysMs } from './retry';
import type { Run } from './run';

/*
 * Write safety: one model for both vendors.
 * - Effect. GET reads. DELETE, PUT and a PATCH that keeps the ID are idempotent: sent twice, they leave
 *   the same state. POST and a PATCH that renames are once-only.
 * - Uncertain outcome: a network failure once the request may have been sent, a timeout, or a 5xx in
 *   answer to a once-only write (a gateway's 502 or 504 does not prove that the API did nothing).
 * - Reads and idempotent writes are repeated after 429/502/503/504 and network failures. When a repeat
 *   of a write gets an error (a DELETE finds the user gone), the error says that an earlier attempt
 *   may have landed, and the operation reads it that way.
 * - A once-only write with an uncertain outcome is never sent again before its `settle.check` has read
 *   the server's state, at the times settleReadDelaysMs gives. It landed: success. It is absent: sent
 *   again only where the API itself refuses a duplicate (Cirrus), else the item fails saying that the
 *   outcome is unknown (KMI). An error answer to such a repeat is checked the same way.
 */

export interface HttpAnswer {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

/** One vendor's API as a run uses it: where it is, how it authenticates, how it answers. */
export interface Api {
	/** The vendor as users know it, for messages: "Cirrus", "KMI Learning". */
	name: string;
	credentialType: string;
	/** Where the API lives, without a trailing slash. */
	baseUrl: string;
	/** Credential values that must never appear in an error or output. */
	secrets: readonly string[];
	/** The credential, read and decrypted once per run and handed to n8n's request helper. */
	credential: ICredentialsDecrypted;
	/** Headers every request carries besides the credential's own. */
	headers(request: ApiRequest): IDataObject;
	/** The content of a successful answer, or the vendor's error carrying the API's own words. */
	readAnswer(answer: HttpAnswer, request: ApiRequest): unknown;
}

/** How a once-only write finds out whether it landed. */
export interface Settle {
	/** The write in words, for messages: `creating user "EMP-1"`. */
	action: string;
	/**
	 * Reads the target: 'landed' when it holds what the write sent, 'absent' when it is not there.
	 * Throws, saying what it found, when the target holds something else.
	 */
	check(): Promise<'landed' | 'absent'>;
	/** Whether the write may be sent again once check() found it absent: only where the API refuses a duplicate itself. */
	repeatWhenAbsent: boolean;
	/** What the user can do when the outcome stays unknown. */
	advice: string;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Relative to the API's base URL, path parameters already encoded. */
	path: string;
	query?: IDataObject;
	body?: IDataObject;
	itemIndex: number;
	/** A PATCH or PUT that gives its target a new ID: once-only, like a POST. */
	renames?: boolean;
	/** Required for once-only writes. */
	settle?: Settle;
}

/** What a request achieved: the answer's content, or a once-only write that landed although its answer was lost. */
export type ApiResult = { landed: false; content: unknown } | { landed: true };

type Effect = 'read' | 'idempotent' | 'once';

function effectOf(request: ApiRequest): Effect {
	if (request.method === 'GET') return 'read';
	if (request.method === 'POST' || request.renames) return 'once';
	return 'idempotent';
}

type Attempt = { answer: HttpAnswer } | { error: unknown; failure: NetworkFailure | undefined };

async function sendOnce(run: Run, request: ApiRequest): Promise<Attempt> {
	const { api, context } = run;
	const slot = await run.inFlight.acquire();
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			api.credentialType,
			{
				method: request.method,
				url: `${api.baseUrl}${request.path}`,
				qs: request.query,
				headers: api.headers(request),
				body: request.body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: run.policy.timeoutMs,
			},
			{ credentialsDecrypted: api.credential },
		)) as IN8nHttpFullResponse;
		if (response.statusCode === 429) run.inFlight.onThrottled(slot);
		else run.inFlight.onSuccess(slot);
		return { answer: { statusCode: response.statusCode, body: response.body, headers: response.headers ?? {} } };
	} catch (error) {
		return { error, failure: networkFailureOf(error) };
	} finally {
		run.inFlight.release();
	}
}

function waitAfter(answer: HttpAnswer, attempt: number): number {
	return retryAfterMs(answer.headers['retry-after'], Date.now()) ?? backoffMs(attempt);
}

/**
 * Sends one API request under the write-safety model above, with retries and backoff (honouring
 * Retry-After), and reads the answer with the vendor's readAnswer.
 */
export async function sendRequest(run: Run, request: ApiRequest): Promise<ApiResult> {
	const effect = effectOf(request);
	if (effect === 'once' && !request.settle) throw new Error(`${request.method} ${request.path} is once-only and needs a settle check`);
	let earlierAttemptMayHaveLanded = false;
	for (let attempt = 0; ; attempt++) {
		const canRetry = attempt < run.policy.retries;
		const sent = await sendOnce(run, request);

		if ('error' in sent) {
			const { error, failure } = sent;
			if (failure === undefined) throw noAnswerError(run, request, error, attempt + 1);
			if (failure.kind === 'maybe-sent' && effect !== 'read') {
				if (effect === 'once') {
					const found = await settleUncertain(run, request, describeFailure(run, failure));
					if (found === 'landed') return { landed: true };
				}
				earlierAttemptMayHaveLanded = true;
			}
			if (!canRetry) throw noAnswerError(run, request, error, attempt + 1, failure);
			await sleep(backoffMs(attempt));
			continue;
		}

		const { answer } = sent;
		const retryable = RETRYABLE_STATUSES.has(answer.statusCode);
		if (effect === 'once' && answer.statusCode >= 500) {
			const reason = `${run.api.name} answered HTTP ${answer.statusCode}`;
			const found = await settleUncertain(run, request, reason);
			if (found === 'landed') return { landed: true };
			if (retryable && canRetry) {
				earlierAttemptMayHaveLanded = true;
				await sleep(waitAfter(answer, attempt));
				continue;
			}
		} else if (retryable && canRetry) {
			if (answer.statusCode !== 429 && effect === 'idempotent') earlierAttemptMayHaveLanded = true;
			await sleep(waitAfter(answer, attempt));
			continue;
		}

		try {
			return { landed: false, content: run.api.readAnswer(answer, request) };
		} catch (caught) {
			const error = asItemError(run.node, caught, request.itemIndex);
			if (!earlierAttemptMayHaveLanded) throw error;
			// An error answer to a repeat may be the earlier attempt's doing: the ID taken by it, or gone.
			if (effect === 'once' && (await request.settle!.check()) === 'landed') return { landed: true };
			markEarlierAttemptMayHaveLanded(error);
			throw error;
		}
	}
}

/**
 * Reads whether an uncertain once-only write landed. 'absent' (only where a repeat is safe) lets the
 * caller send it again or report its failure as it is; where a repeat is not safe, an absent write
 * fails as "outcome unknown".
 */
async function settleUncertain(run: Run, request: ApiRequest, reason: string): Promise<'landed' | 'absent'> {
	const settle = request.settle!;
	const delays = settleReadDelaysMs(run.policy);
	try {
		for (const delay of delays) {
			await sleep(delay);
			if ((await settle.check()) === 'landed') return 'landed';
		}
	} catch (error) {
		const found = error instanceof Error ? error.message.replace(/^Item \d+: /, '') : String(error);
		throw outcomeUnknownError(run, request, `${reason}; then ${found}`);
	}
	if (settle.repeatWhenAbsent) return 'absent';
	const seconds = Math.round(delays.reduce((sum, delay) => sum + delay, 0) / 100) / 10;
	throw outcomeUnknownError(run, request, `${reason}, and ${delays.length} reads over ${seconds} s did not find the result`);
}

function describeFailure(run: Run, failure: NetworkFailure): string {
	return failure.timedOut
		? `${run.api.name} gave no answer within ${run.policy.timeoutMs / 1000} s`
		: `the connection to ${run.api.name} was lost before its answer (${failure.code})`;
}

function outcomeUnknownError(run: Run, request: ApiRequest, what: string): NodeApiError {
	const settle = request.settle!;
	return buildApiError(
		run.node,
		{
			message: `Item ${request.itemIndex + 1}: the outcome of ${settle.action} at ${run.api.name} is unknown: ${what}`,
			description: settle.advice,
			itemIndex: request.itemIndex,
			outcomeUnknown: true,
		},
		run.api.secrets,
	);
}

/** The error for a request that got no HTTP answer (refused, reset, timed out), after its retries. */
function noAnswerError(
	run: Run,
	request: ApiRequest,
	error: unknown,
	attempts: number,
	failure?: NetworkFailure,
): NodeApiError {
	const reason = failure ? failure.code : error instanceof Error ? error.message : String(error);
	const uncertainWrite = failure?.kind === 'maybe-sent' && effectOf(request) !== 'read';
	return buildApiError(
		run.node,
		{
			message: `Could not complete ${request.method} ${request.path} at ${run.api.name}: ${reason}`,
			description: failure
				? `The request failed after ${attempts} attempt(s)${uncertainWrite ? ', and may have been carried out' : ''}. Check that ${run.api.baseUrl} is reachable, or raise Retries / Request Timeout in the node's options.`
				: undefined,
			itemIndex: request.itemIndex,
			outcomeUnknown: uncertainWrite,
		},
		run.api.secrets,
	);
}
