// Issue 13's behaviours (the speed itself is measured by `npm run bench:n8n`, never by a test): the
// credential read once per run, Create or Update that writes only what differs, Dry Run, and fewer
// requests in flight while the API answers 429.
import { sleep } from 'n8n-workflow';

import type { Slot } from '../../nodes/shared/limiter';
import { AdaptiveLimit } from '../../nodes/shared/limiter';
import { runCirrus, seedUser, startFakeCirrus, TOKEN } from '../helpers/cirrus';
import { useFakeCirrus, useFakeKmi } from '../helpers/fakeServers';
import { ada, KEY, runKmi } from '../helpers/kmi';

describe('Cirrus', () => {
	const fake = useFakeCirrus();
	const calls = () => fake.server.state.requests.map((request) => `${request.method} ${request.path.replace('/api/v1/integrations', '')}`);
	const items = Array.from({ length: 30 }, (_, n) => ({ id: `S-${n}`, first: `First ${n}` }));
	const upsert = (options = {}) =>
		runCirrus(fake.server, {
			parameters: { operation: 'upsert', externalId: '={{ $json.id }}', firstName: '={{ $json.first }}', lastName: 'Sync', options },
			items,
		});

	test('a run reads the credential once, and its authenticate block still sets the header on every request', async () => {
		let reads = 0;
		for (const { id } of items) seedUser(fake.server, { ExternalId: id, FirstName: 'A', LastName: 'B' });
		await runCirrus(fake.server, {
			parameters: { operation: 'get', externalId: '={{ $json.id }}', options: { maxConcurrentRequests: 5 } },
			items,
			onCredentialRead: () => reads++,
		});
		expect(reads).toBe(1);
		expect(fake.server.state.requests).toHaveLength(items.length);
		for (const request of fake.server.state.requests) expect(request.headers.authorization).toBe(`EAPI ${TOKEN}`);
	});

	test('Create or Update of users that hold the wanted values writes nothing and says "unchanged"', async () => {
		for (const { id, first } of items) seedUser(fake.server, { ExternalId: id, FirstName: first, LastName: 'Sync', City: 'Kept' });
		const output = await upsert();
		expect(output.map((item) => item.json._operation)).toEqual(items.map(() => 'unchanged'));
		expect(output[0].json).toEqual({ ExternalId: 'S-0', FirstName: 'First 0', LastName: 'Sync', City: 'Kept', _operation: 'unchanged' });
		expect(calls().every((call) => call.startsWith('GET '))).toBe(true);
		expect(calls()).toHaveLength(items.length);
	});

	test('Create or Update PATCHes only the fields that differ', async () => {
		seedUser(fake.server, { ExternalId: 'S-0', FirstName: 'Old', LastName: 'Sync', City: 'Kept' });
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'upsert', externalId: 'S-0', firstName: 'New', lastName: 'Sync', options: { readBack: false } },
		});
		expect(calls()).toEqual(['GET /user/S-0', 'PATCH /user/S-0']);
		expect(fake.server.state.requests[1].body).toEqual({ FirstName: 'New' });
		expect(output[0].json._operation).toBe('updated');
	});

	test('Dry Run reads and compares, writes nothing, and reports what would change', async () => {
		seedUser(fake.server, { ExternalId: 'S-0', FirstName: 'First 0', LastName: 'Sync' });
		seedUser(fake.server, { ExternalId: 'S-1', FirstName: 'Old', LastName: 'Sync' });
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'upsert', externalId: '={{ $json.id }}', firstName: '={{ $json.first }}', lastName: 'Sync', options: { dryRun: true } },
			items: items.slice(0, 3),
		});
		expect(calls().every((call) => call.startsWith('GET '))).toBe(true);
		expect(output.map((item) => [item.json._operation, item.json._dryRun, item.json._changes])).toEqual([
			['unchanged', true, {}],
			['updated', true, { FirstName: 'First 1' }],
			['created', true, { ExternalId: 'S-2', FirstName: 'First 2', LastName: 'Sync' }],
		]);
		expect(fake.server.state.users.get('S-1')?.FirstName).toBe('Old');
		expect(fake.server.state.users.has('S-2')).toBe(false);
	});
});

describe('KMI Learning', () => {
	const fake = useFakeKmi();
	const methods = () => fake.server.state.requests.map((request) => request.method);

	test('Create or Update of a user that holds the wanted values writes nothing; a change PUTs the whole user with it', async () => {
		fake.server.seedUser(KEY, { ...ada, city: 'London', department: 'Maths' });
		const same = await runKmi(fake.server, { parameters: { operation: 'upsert', ...ada } });
		expect(same[0].json._operation).toBe('unchanged');
		expect(methods()).toEqual(['GET']);

		fake.server.state.requests.length = 0;
		const changed = await runKmi(fake.server, { parameters: { operation: 'upsert', ...ada, firstName: 'Augusta' } });
		expect(changed[0].json).toEqual(expect.objectContaining({ firstName: 'Augusta', city: 'London', department: 'Maths', _operation: 'updated' }));
		expect(methods()).toEqual(['GET', 'PUT']);
	});

	test('Dry Run writes nothing: a changed user, an unchanged one and a missing one', async () => {
		fake.server.seedUser(KEY, ada);
		fake.server.seedUser(KEY, { ...ada, externalId: 'ID-SAME', email: 'same@example.com', loginName: 'same' });
		const output = await runKmi(fake.server, {
			parameters: {
				operation: 'upsert',
				...ada,
				externalId: '={{ $json.externalId }}',
				email: '={{ $json.email }}',
				loginName: '={{ $json.loginName }}',
				firstName: '={{ $json.firstName }}',
				options: { dryRun: true },
			},
			items: [
				{ externalId: ada.externalId, email: ada.email, loginName: ada.loginName, firstName: 'Augusta' },
				{ externalId: 'ID-SAME', email: 'same@example.com', loginName: 'same', firstName: ada.firstName },
				{ externalId: 'ID-NEW', email: 'new@example.com', loginName: 'new', firstName: 'Grace' },
			],
		});
		expect(output.map((item) => [item.json._operation, item.json._dryRun, item.json._changes])).toEqual([
			['updated', true, { firstName: 'Augusta' }],
			['unchanged', true, {}],
			['created', true, expect.objectContaining({ externalId: 'ID-NEW', firstName: 'Grace' })],
		]);
		expect(output[0].json.firstName).toBe('Ada');
		expect(methods()).toEqual(['GET', 'GET', 'GET']);
		expect(fake.server.users(KEY).map((user) => user.externalId).sort()).toEqual([ada.externalId, 'ID-SAME'].sort());
	});
});

describe('requests in flight while the API answers 429', () => {
	/** A slot as `limit` gives it now, to a request that took its last free place. */
	const full = (limit: AdaptiveLimit): Slot => ({ generation: limit.generation, filledLimit: true });
	/** Successes of requests that filled the limit, until it rises by one; bounded. */
	const successesToRise = (limit: AdaptiveLimit): number => {
		const from = limit.current;
		for (let n = 1; n <= 10_000; n++) {
			limit.onSuccess(full(limit));
			if (limit.current > from) return n;
		}
		throw new Error(`the limit stayed at ${from} for 10 000 successes`);
	};

	test('a 429 halves the limit once per burst; below the refused level successes raise it by one per full round', () => {
		const limit = new AdaptiveLimit(20);
		const sameBurst = [full(limit), full(limit), full(limit)];
		limit.onThrottled(sameBurst[0]);
		expect(limit.current).toBe(10);
		// Answers to requests that got their slot before the halving: no second halving, and no rise.
		limit.onThrottled(sameBurst[1]);
		for (let n = 0; n < 100; n++) limit.onSuccess(sameBurst[2]);
		expect(limit.current).toBe(10);
		expect(successesToRise(limit)).toBeLessThanOrEqual(11);
		expect(limit.current).toBe(11);
		for (let n = 0; n < 1000; n++) limit.onSuccess(full(limit));
		expect(limit.current).toBe(20);
		// A 429 to a request that got its slot after the halving is a new burst.
		limit.onThrottled(full(limit));
		expect(limit.current).toBe(10);
	});

	test('only requests that used the whole limit raise it: fewer in flight say nothing about one more', async () => {
		const limit = new AdaptiveLimit(20);
		limit.onThrottled(full(limit));
		for (let n = 0; n < 1000; n++) limit.onSuccess({ generation: limit.generation, filledLimit: false });
		expect(limit.current).toBe(10);
		// acquire() says so of the request that takes the last free slot, and of no other.
		const small = new AdaptiveLimit(3);
		const slots = await Promise.all([small.acquire(), small.acquire(), small.acquire()]);
		expect(slots.map((slot) => slot.filledLimit)).toEqual([false, false, true]);
	});

	test('at the level the API refused, the limit rises 16, then 256 times more slowly', () => {
		const limit = new AdaptiveLimit(12);
		for (const slower of [16, 256, 256]) {
			limit.onThrottled(full(limit));
			expect(limit.current).toBe(6);
			// Up to 11 at the usual pace: one round of successes per step.
			for (let level = 6; level < 11; level++) expect(successesToRise(limit)).toBeLessThanOrEqual(level + 1);
			// Then 11 → 12, the level just refused, `slower` times slower. A full round at 11 is 11
			// successes; the step left over from below makes it a little less.
			const rise = successesToRise(limit);
			expect(rise).toBeGreaterThanOrEqual(Math.floor(0.9 * 11 * slower));
			expect(rise).toBeLessThanOrEqual(12 * slower);
		}
	});

	test('requests given a slot in one turn of the event loop leave one per turn, the first at once', async () => {
		const limit = new AdaptiveLimit(5);
		const left: string[] = [];
		const microtasks = async () => {
			for (let n = 0; n < 20; n++) await null;
		};
		for (const name of ['a', 'b', 'c']) void limit.acquire().then(() => left.push(name));
		await microtasks();
		expect(left).toEqual(['a']);
		await sleep(0);
		await microtasks();
		expect(left).toEqual(['a', 'b']);
		await sleep(0);
		await microtasks();
		expect(left).toEqual(['a', 'b', 'c']);
		// Nobody waiting any more: the next leaves at once.
		await sleep(5);
		void limit.acquire().then(() => left.push('d'));
		await microtasks();
		expect(left).toEqual(['a', 'b', 'c', 'd']);
	});

	test('no more requests go out at once than the limit allows', async () => {
		const limit = new AdaptiveLimit(3);
		let inFlight = 0;
		let most = 0;
		await Promise.all(
			Array.from({ length: 20 }, async () => {
				await limit.acquire();
				inFlight++;
				most = Math.max(most, inFlight);
				await new Promise((resolve) => setTimeout(resolve, 5));
				inFlight--;
				limit.release();
			}),
		);
		expect(most).toBe(3);
	});

	test('Max Concurrent Requests 20 against an API that takes 10 at once: every user created once, few 429s', async () => {
		const server = await startFakeCirrus({ token: TOKEN, latencyMs: 20, maxInFlight: 10 });
		try {
			// Enough users that the run outlasts the first burst's Retry-After: the refused items come back mid-run.
			const ids = Array.from({ length: 1000 }, (_, n) => ({ id: `T-${n}` }));
			const output = await runCirrus(server, {
				parameters: {
					operation: 'create',
					externalId: '={{ $json.id }}',
					firstName: 'T',
					lastName: 'T',
					options: { maxConcurrentRequests: 20, readBack: false, retries: 10 },
				},
				items: ids,
			});
			expect(output).toHaveLength(1000);
			expect([...server.state.createdById.values()]).toEqual(ids.map(() => 1));
			// Measured here: 11 refusals (the first burst's 10, then 1 when the refused items came back); 23
			// when the refused level is tried as often as any other, 12 to 20 when every success raises the
			// limit (also while items wait out a Retry-After), 30 when a 429 changes nothing.
			expect(server.state.throttled).toBeLessThanOrEqual(14);
		} finally {
			await server.stop();
		}
	});
});
