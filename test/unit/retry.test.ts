import { backoffMs, networkFailureOf, RETRY_AFTER_CAP_MS, retryAfterMs } from '../../nodes/shared/retry';

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

test('network failures are told apart: not sent vs maybe sent', () => {
	expect(networkFailureOf({ cause: { code: 'ECONNREFUSED' } })).toEqual({ kind: 'not-sent', code: 'ECONNREFUSED' });
	expect(networkFailureOf({ code: 'ECONNRESET' })).toEqual({ kind: 'maybe-sent', code: 'ECONNRESET' });
	expect(networkFailureOf({ message: 'x', cause: { message: 'timeout of 1000ms exceeded' } })).toEqual({
		kind: 'maybe-sent',
		code: 'ETIMEDOUT',
	});
	expect(networkFailureOf(new Error('Bad request'))).toBeUndefined();
});
