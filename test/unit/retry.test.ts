import { backoffMs, networkFailureOf, RETRY_AFTER_CAP_MS, retryAfterMs, settleReadDelaysMs } from '../../nodes/shared/retry';

describe('Retry-After', () => {
	const now = Date.parse('2026-11-23T12:00:00Z');

	test('seconds', () => {
		expect(retryAfterMs('2', now)).toBe(2000);
		expect(retryAfterMs('0', now)).toBe(0);
	});
	test('an HTTP date', () => {
		expect(retryAfterMs('Mon, 23 Nov 2026 12:00:05 GMT', now)).toBe(5000);
		expect(retryAfterMs('Mon, 23 Nov 2026 11:59:00 GMT', now)).toBe(0);
	});
	test('is capped', () => {
		expect(retryAfterMs('86400', now)).toBe(RETRY_AFTER_CAP_MS);
	});
	test('absent or unreadable: no value, so backoff applies', () => {
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
	});
});

test('backoff grows exponentially with jitter and is capped', () => {
	expect(backoffMs(0, () => 0)).toBe(250);
	expect(backoffMs(0, () => 1)).toBe(500);
	expect(backoffMs(3, () => 0)).toBe(2000);
	expect(backoffMs(3, () => 1)).toBe(4000);
	expect(backoffMs(20, () => 1)).toBe(30000);
});

test('network failures are told apart: not sent vs maybe sent, timed out or not', () => {
	expect(networkFailureOf({ cause: { code: 'ECONNREFUSED' } })).toEqual({ kind: 'not-sent', code: 'ECONNREFUSED', timedOut: false });
	expect(networkFailureOf({ code: 'ECONNRESET' })).toEqual({ kind: 'maybe-sent', code: 'ECONNRESET', timedOut: false });
	expect(networkFailureOf({ message: 'x', cause: { message: 'timeout of 1000ms exceeded' } })).toEqual({
		kind: 'maybe-sent',
		code: 'ETIMEDOUT',
		timedOut: true,
	});
	expect(networkFailureOf(new Error('Bad request'))).toBeUndefined();
});

test("n8n-core 1.x's shape: the code in httpCode, axios' words in messages, no cause", () => {
	const wrapped = (httpCode: string, text: string) => ({ message: 'The connection was aborted', httpCode, messages: [text] });
	expect(networkFailureOf(wrapped('ECONNRESET', 'socket hang up'))).toEqual({ kind: 'maybe-sent', code: 'ECONNRESET', timedOut: false });
	expect(networkFailureOf(wrapped('ECONNABORTED', 'timeout of 500ms exceeded'))).toEqual({
		kind: 'maybe-sent',
		code: 'ECONNABORTED',
		timedOut: true,
	});
	expect(networkFailureOf(wrapped('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'))).toEqual({
		kind: 'not-sent',
		code: 'ECONNREFUSED',
		timedOut: false,
	});
	expect(networkFailureOf({ message: 'x', messages: ['socket hang up'] })).toEqual({ kind: 'maybe-sent', code: 'ECONNRESET', timedOut: false });
	expect(networkFailureOf({ message: 'Bad request', httpCode: '400', messages: ['Bad request'] })).toBeUndefined();
});

test('settle reads: retries + 1 of them, gaps doubling, the last one Request Timeout after the failure', () => {
	expect(settleReadDelaysMs({ retries: 3, timeoutMs: 15_000 })).toEqual([1000, 2000, 4000, 8000]);
	expect(settleReadDelaysMs({ retries: 0, timeoutMs: 30_000 })).toEqual([30_000]);
});
