import { runCirrus, runCirrusExpectingError, seedUser, startFakeCirrus, TOKEN } from '../helpers/cirrus';
import { useFakeCirrus } from '../helpers/fakeServers';

const fake = useFakeCirrus();

const calls = () => fake.server.state.requests.map((request) => `${request.method} ${request.path.replace('/api/v1/integrations', '')}`);

describe('Create or Update (upsert)', () => {
	const upsert = (firstName: string, extra = {}) => ({
		operation: 'upsert',
		externalId: 'EMP-7',
		firstName,
		lastName: 'Lamarr',
		...extra,
	});

	test('creates a missing user, then updates it on the next run', async () => {
		const first = await runCirrus(fake.server, { parameters: upsert('Hedy') });
		expect(first[0].json).toEqual({ ExternalId: 'EMP-7', FirstName: 'Hedy', LastName: 'Lamarr', _operation: 'created' });
		expect(calls()).toEqual(['GET /user/EMP-7', 'POST /user', 'GET /user/EMP-7']);

		fake.server.state.requests.length = 0;
		const second = await runCirrus(fake.server, { parameters: upsert('Hedwig', { additionalFields: { city: 'Vienna' } }) });
		expect(second[0].json).toEqual({
			ExternalId: 'EMP-7',
			FirstName: 'Hedwig',
			LastName: 'Lamarr',
			City: 'Vienna',
			_operation: 'updated',
		});
		expect(calls()).toEqual(['GET /user/EMP-7', 'PATCH /user/EMP-7', 'GET /user/EMP-7']);
		// Only what differs from the user as read is sent.
		expect(fake.server.state.requests[1].body).toEqual({ FirstName: 'Hedwig', City: 'Vienna' });
		expect(fake.server.state.postsById.get('EMP-7')).toBe(1);
	});

	test('a POST that finds the ID taken by a concurrent run falls back to PATCH', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'raceCreate' });
		const output = await runCirrus(fake.server, { parameters: upsert('Hedy') });
		expect(output[0].json._operation).toBe('updated');
		expect(output[0].json.FirstName).toBe('Hedy');
		// The refusal's words are not matched: a read finds the user another run created, then the PATCH.
		expect(calls()).toEqual(['GET /user/EMP-7', 'POST /user', 'GET /user/EMP-7', 'PATCH /user/EMP-7', 'GET /user/EMP-7']);
	});

	test('an ID held by a user in the Trash Can reports the create error', async () => {
		fake.server.state.trash.set('EMP-7', { ExternalId: 'EMP-7' });
		const error = await runCirrusExpectingError(fake.server, { parameters: upsert('Hedy') });
		expect(error.message).toBe('The given user identifier is not unique (code 102)');
	});
});

describe('Delete: Succeed If Not Found', () => {
	test('re-running a deprovisioning is harmless', async () => {
		seedUser(fake.server, { ExternalId: 'EMP-1', FirstName: 'A', LastName: 'B' });
		const parameters = { operation: 'delete', externalId: 'EMP-1', options: { succeedIfNotFound: true } };
		expect((await runCirrus(fake.server, { parameters }))[0].json).toEqual({ deleted: true, externalId: 'EMP-1' });
		expect((await runCirrus(fake.server, { parameters }))[0].json).toEqual({
			deleted: false,
			notFound: true,
			externalId: 'EMP-1',
		});
	});

	test('other errors still fail', async () => {
		fake.server.state.faults.push({ type: 'success-false-200' });
		const error = await runCirrusExpectingError(fake.server, {
			parameters: { operation: 'delete', externalId: 'EMP-1', options: { succeedIfNotFound: true } },
		});
		expect(error.message).toBe('Unknown error (code 102)');
	});
});

describe('retries', () => {
	const get = (options = {}) => ({ operation: 'get', externalId: 'EMP-1', options });
	beforeEach(() => seedUser(fake.server, { ExternalId: 'EMP-1', FirstName: 'A', LastName: 'B' }));

	test.each(['429', '502', '503', '504'])('HTTP %s is retried', async (status) => {
		fake.server.state.faults.push({ type: status, retryAfter: '0', times: 2 });
		const output = await runCirrus(fake.server, { parameters: get() });
		expect(output[0].json.ExternalId).toBe('EMP-1');
		expect(fake.server.state.requests).toHaveLength(3);
	});

	test('Retry-After is honoured', async () => {
		fake.server.state.faults.push({ type: '429', retryAfter: '1' });
		await runCirrus(fake.server, { parameters: get() });
		const [first, second] = fake.server.state.requests.map((request) => request.receivedAt as number);
		expect(second - first).toBeGreaterThanOrEqual(950);
	});

	test('gives up after "Retries" further attempts with the last answer', async () => {
		fake.server.state.faults.push({ type: '503', retryAfter: '0', times: 10 });
		const error = await runCirrusExpectingError(fake.server, { parameters: get({ retries: 2 }) });
		expect(fake.server.state.requests).toHaveLength(3);
		expect(error.httpCode).toBe('503');
		expect(error.message).toBe('503 Service Unavailable');
	});

	test('a dropped connection is retried', async () => {
		fake.server.state.faults.push({ method: 'GET', type: 'resetBeforeProcessing' });
		const output = await runCirrus(fake.server, { parameters: get() });
		expect(output[0].json.ExternalId).toBe('EMP-1');
	});

	test.each([
		['400', { operation: 'get', externalId: 'missing' }, {}],
		['403', { operation: 'get', externalId: 'EMP-1' }, { token: 'wrong-token-1234' }],
	])('HTTP %s is never retried', async (_status, parameters, credentials) => {
		await runCirrusExpectingError(fake.server, { parameters, credentials });
		expect(fake.server.state.requests).toHaveLength(1);
	});

	test('an unreachable fake.server fails with a clear error after the retries, without the token', async () => {
		const { port } = fake.server;
		const closed = await startFakeCirrus({ token: TOKEN });
		const closedUrl = closed.baseUrl;
		await closed.stop();
		const error = await runCirrusExpectingError(fake.server, {
			parameters: get({ retries: 1 }),
			credentials: { baseUrl: closedUrl },
		});
		expect(error.message).toBe('Could not complete GET /user/EMP-1 at Cirrus: ECONNREFUSED');
		expect(JSON.stringify(error)).not.toContain(TOKEN);
		expect(port).toBe(fake.server.port);
	});
});

describe('a POST is never re-sent blindly (more in write-safety.test.ts)', () => {
	const create = {
		operation: 'create',
		externalId: 'EMP-2',
		firstName: 'Katherine',
		lastName: 'Johnson',
		options: { requestTimeout: 1 },
	};
	const posts = () => calls().filter((call) => call === 'POST /user').length;

	test('a timeout after the server took it: reads find the user, no second POST', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'slowProcessing', delayMs: 1300 });
		const output = await runCirrus(fake.server, { parameters: create });
		await fake.server.whenIdle();
		expect(output[0].json.ExternalId).toBe('EMP-2');
		expect(posts()).toBe(1);
	});

	test('connection dropped after processing: a read confirms, no second POST', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'processThenCut' });
		await runCirrus(fake.server, { parameters: create });
		expect(posts()).toBe(1);
		expect(calls()[1]).toBe('GET /user/EMP-2');
	});

	test('connection dropped before processing: the reads find nothing, then the POST is sent again', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'resetBeforeProcessing' });
		await runCirrus(fake.server, { parameters: create });
		expect(fake.server.state.createdById.get('EMP-2')).toBe(1);
		expect(posts()).toBe(2);
		// Cirrus refuses a second user with one ID, so after the reads found nothing a repeat is safe.
		expect(calls().indexOf('GET /user/EMP-2')).toBe(1);
	});

	test('a DELETE repeated after a dropped connection reports the delete that landed', async () => {
		seedUser(fake.server, { ExternalId: 'EMP-3', FirstName: 'A', LastName: 'B' });
		fake.server.state.faults.push({ method: 'DELETE', type: 'processThenCut' });
		const output = await runCirrus(fake.server, { parameters: { operation: 'delete', externalId: 'EMP-3' } });
		expect(output[0].json).toEqual({ deleted: true, externalId: 'EMP-3' });
		expect(calls()).toEqual(['DELETE /user/EMP-3', 'DELETE /user/EMP-3']);
	});
});

describe('Max Concurrent Requests', () => {
	test('runs items in parallel up to the bound, output in input order', async () => {
		const ids = Array.from({ length: 30 }, (_, index) => `C-${index}`);
		for (const id of ids) seedUser(fake.server, { ExternalId: id, FirstName: id, LastName: 'X' });
		// Early items answer slowest, so they finish last.
		for (let index = 0; index < 10; index++) {
			fake.server.state.faults.push({ method: 'GET', pathIncludes: `/C-${index}`, type: 'slowProcessing', delayMs: 300 - index * 25 });
		}
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'get', externalId: '={{ $json.id }}', options: { maxConcurrentRequests: 5 } },
			items: ids.map((id) => ({ id })),
		});
		expect(output.map((item) => item.json.ExternalId)).toEqual(ids);
		expect(output.map((item) => item.pairedItem)).toEqual(ids.map((_, index) => ({ item: index })));
		expect(fake.server.state.maxInFlight).toBe(5);
	});

	test('the default is one request at a time', async () => {
		for (const id of ['a', 'b', 'c']) seedUser(fake.server, { ExternalId: id, FirstName: id, LastName: 'X' });
		fake.server.state.faults.push({ method: 'GET', type: 'slowProcessing', delayMs: 100 });
		await runCirrus(fake.server, {
			parameters: { operation: 'get', externalId: '={{ $json.id }}' },
			items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
		});
		expect(fake.server.state.maxInFlight).toBe(1);
	});

	test('a value above 20 is refused', async () => {
		const error = await runCirrusExpectingError(fake.server, {
			parameters: { operation: 'get', externalId: 'a', options: { maxConcurrentRequests: 50 } },
		});
		expect(error.message).toBe('Item 1: Max Concurrent Requests must be a whole number from 1 to 20 (got "50")');
	});
});
