// The write-safety model (nodes/shared/transport.ts) against faults that carry a request out and then
// lose or garble its answer, on both n8n lines (jest.config.js runs every suite on n8n-core 1.x and 2.x).
// Each test names the bug it first reproduced.
import { runCirrus, runCirrusExpectingError, seedUser } from '../helpers/cirrus';
import { useFakeCirrus, useFakeKmi } from '../helpers/fakeServers';
import { ada, KEY, runKmi, runKmiExpectingError } from '../helpers/kmi';

describe('Cirrus', () => {
	const fake = useFakeCirrus();
	const calls = () =>
		fake.server.state.requests.map((request) => `${request.method} ${request.path.replace('/api/v1/integrations', '')}`);
	const create = { operation: 'create', externalId: 'EMP-2', firstName: 'Katherine', lastName: 'Johnson' };

	test.each(['processThen502', 'processThen504'])(
		'a Create carried out and then answered by a gateway %s is settled with a read, not sent again',
		async (type) => {
			fake.server.state.faults.push({ method: 'POST', type });
			const output = await runCirrus(fake.server, { parameters: create });
			expect(output[0].json).toEqual({ ExternalId: 'EMP-2', FirstName: 'Katherine', LastName: 'Johnson' });
			expect(fake.server.state.postsById.get('EMP-2')).toBe(1);
			expect(fake.server.state.createdById.get('EMP-2')).toBe(1);
		},
	);

	test('a Create answered 502 before it was carried out is sent again after the read finds nothing', async () => {
		fake.server.state.faults.push({ method: 'POST', type: '502' });
		const output = await runCirrus(fake.server, { parameters: { ...create, options: { requestTimeout: 2 } } });
		expect(output[0].json.ExternalId).toBe('EMP-2');
		const posts = calls().flatMap((call, index) => (call === 'POST /user' ? [index] : []));
		expect(posts).toHaveLength(2);
		// Only after a read found nothing: the second POST comes after at least one GET.
		expect(calls().slice(posts[0], posts[1])).toContain('GET /user/EMP-2');
		expect(fake.server.state.createdById.get('EMP-2')).toBe(1);
	});

	test('a Create still being processed when the node times out is waited for, not sent again', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'slowProcessing', delayMs: 1500 });
		const output = await runCirrus(fake.server, { parameters: { ...create, options: { requestTimeout: 1 } } });
		await fake.server.whenIdle();
		expect(output[0].json.ExternalId).toBe('EMP-2');
		expect(fake.server.state.postsById.get('EMP-2')).toBe(1);
	});

	test('"already in use" in answer to our own repeat of a Create counts as landed', async () => {
		// The first POST outlasts the timeout and every settle read (4 reads over 2 s), then lands just
		// before the repeat is carried out: the repeat is refused because of our own first attempt.
		fake.server.state.faults.push(
			{ method: 'POST', type: 'slowProcessing', delayMs: 4800 },
			{ method: 'POST', type: 'slowProcessing', delayMs: 1200 },
		);
		const output = await runCirrus(fake.server, { parameters: { ...create, options: { requestTimeout: 2 } } });
		await fake.server.whenIdle();
		expect(output[0].json).toEqual({ ExternalId: 'EMP-2', FirstName: 'Katherine', LastName: 'Johnson' });
		expect(fake.server.state.postsById.get('EMP-2')).toBe(2);
		expect(fake.server.state.createdById.get('EMP-2')).toBe(1);
		const posts = calls().flatMap((call, index) => (call === 'POST /user' ? [index] : []));
		// Settle reads between the two POSTs found nothing; a read after the refused repeat found our user.
		expect(calls().slice(posts[0] + 1, posts[1])).toEqual(Array(4).fill('GET /user/EMP-2'));
		expect(calls()[posts[1] + 1]).toBe('GET /user/EMP-2');
	});

	test('an answer lost after the Create landed gives one success, on both n8n lines', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'processThenCut' });
		const output = await runCirrus(fake.server, { parameters: create });
		expect(output[0].json.ExternalId).toBe('EMP-2');
		expect(fake.server.state.postsById.get('EMP-2')).toBe(1);
	});

	test('a connection reset before any answer is retried, on both n8n lines', async () => {
		seedUser(fake.server, { ExternalId: 'EMP-1', FirstName: 'A', LastName: 'B' });
		fake.server.state.faults.push({ method: 'GET', type: 'resetBeforeProcessing' });
		const output = await runCirrus(fake.server, { parameters: { operation: 'get', externalId: 'EMP-1' } });
		expect(output[0].json.ExternalId).toBe('EMP-1');
	});

	test('a user that exists with other values than the Create sent is not reported as created', async () => {
		seedUser(fake.server, { ExternalId: 'EMP-2', FirstName: 'Other', LastName: 'Person' });
		fake.server.state.faults.push({ method: 'POST', type: 'processThen502' });
		const error = await runCirrusExpectingError(fake.server, { parameters: create });
		expect(error.message).toMatch(/^Item 1: the outcome of creating user "EMP-2" at Cirrus is unknown/);
		expect(fake.server.state.users.get('EMP-2')?.FirstName).toBe('Other');
	});

	test('a renaming Update whose answer was lost is settled by reading the new ID', async () => {
		seedUser(fake.server, { ExternalId: 'OLD-1', FirstName: 'A', LastName: 'B' });
		fake.server.state.faults.push({ method: 'PATCH', type: 'processThenCut' });
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'update', externalId: 'OLD-1', updateFields: { newExternalId: 'NEW-1', city: 'Oslo' } },
		});
		expect(output[0].json).toEqual({ ExternalId: 'NEW-1', FirstName: 'A', LastName: 'B', City: 'Oslo' });
		expect(fake.server.state.renames).toEqual([['OLD-1', 'NEW-1']]);
	});

	test('a renaming Update answered 504 after it was carried out is reported as done', async () => {
		seedUser(fake.server, { ExternalId: 'OLD-1', FirstName: 'A', LastName: 'B' });
		fake.server.state.faults.push({ method: 'PATCH', type: 'processThen504' });
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'update', externalId: 'OLD-1', updateFields: { newExternalId: 'NEW-1' } },
		});
		expect(output[0].json.ExternalId).toBe('NEW-1');
		expect(calls().filter((call) => call.startsWith('PATCH'))).toEqual(['PATCH /user/OLD-1']);
	});

	test.each(['processThen502', 'processThen504', 'processThenCut'])(
		'a Delete carried out and then answered %s reports the delete, not "not found"',
		async (type) => {
			seedUser(fake.server, { ExternalId: 'EMP-3', FirstName: 'A', LastName: 'B' });
			fake.server.state.faults.push({ method: 'DELETE', type });
			const output = await runCirrus(fake.server, { parameters: { operation: 'delete', externalId: 'EMP-3' } });
			expect(output[0].json).toEqual({ deleted: true, externalId: 'EMP-3' });
		},
	);

	test('Create or Update whose create loses a race falls back to an update, whatever words the API uses', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'raceCreate' });
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'upsert', externalId: 'EMP-7', firstName: 'Hedy', lastName: 'Lamarr' },
		});
		expect(output[0].json).toEqual(expect.objectContaining({ ExternalId: 'EMP-7', FirstName: 'Hedy', _operation: 'updated' }));
	});

	test('items with the same external ID are written in input order at any concurrency', async () => {
		seedUser(fake.server, { ExternalId: 'EMP-9', FirstName: 'Start', LastName: 'B' });
		// The first item's write is the slowest: without per-ID order the older value lands last and wins.
		fake.server.state.faults.push({ method: 'PATCH', type: 'slowProcessing', delayMs: 400 });
		const output = await runCirrus(fake.server, {
			parameters: {
				operation: 'update',
				externalId: 'EMP-9',
				updateFields: { city: '={{ $json.city }}' },
				options: { maxConcurrentRequests: 5, readBack: false },
			},
			items: [{ city: 'First' }, { city: 'Second' }, { city: 'Third' }],
		});
		expect(output.map((item) => item.json.City)).toEqual(['First', 'Second', 'Third']);
		expect(fake.server.state.users.get('EMP-9')?.City).toBe('Third');
		const patches = fake.server.state.requests.filter((request) => request.method === 'PATCH');
		expect(patches.map((request) => request.body.City)).toEqual(['First', 'Second', 'Third']);
	});

	test('a rename and a later item for the new ID take turns', async () => {
		seedUser(fake.server, { ExternalId: 'OLD-2', FirstName: 'A', LastName: 'B' });
		fake.server.state.faults.push({ method: 'PATCH', type: 'slowProcessing', delayMs: 300 });
		const output = await runCirrus(fake.server, {
			parameters: {
				operation: 'update',
				externalId: '={{ $json.id }}',
				updateFields: { newExternalId: '={{ $json.newId }}', city: '={{ $json.city }}' },
				options: { maxConcurrentRequests: 2 },
			},
			items: [
				{ id: 'OLD-2', newId: 'NEW-2', city: 'Renamed' },
				{ id: 'NEW-2', newId: 'NEW-2', city: 'After' },
			],
		});
		expect(output.map((item) => item.json.City)).toEqual(['Renamed', 'After']);
	});
});

describe('KMI Learning', () => {
	const fake = useFakeKmi();
	const posts = () => fake.server.state.requests.filter((request) => request.method === 'POST').length;
	const create = { operation: 'create', ...ada, options: { checkExternalIdUnused: false } };

	test.each(['processThen502', 'processThen504'])(
		'a Create carried out and then answered %s is found by a read: one user, one success',
		async (type) => {
			fake.server.state.faults.push({ method: 'POST', type });
			const output = await runKmi(fake.server, { parameters: create });
			expect(output[0].json).toEqual(expect.objectContaining({ ...ada, id: 1 }));
			expect(posts()).toBe(1);
			expect(fake.server.users(KEY)).toHaveLength(1);
		},
	);

	test('a Create still being processed when the node times out is found by reads spread over the window', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'slowProcessing', delayMs: 1500 });
		const output = await runKmi(fake.server, { parameters: { ...create, options: { ...create.options, requestTimeout: 1 } } });
		await fake.server.whenIdle();
		expect(output[0].json).toEqual(expect.objectContaining(ada));
		expect(posts()).toBe(1);
		expect(fake.server.users(KEY)).toHaveLength(1);
	});

	test('a Create whose outcome stays unknown is never sent again, and the error says what to do', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'resetBeforeProcessing' });
		const error = await runKmiExpectingError(fake.server, { parameters: { ...create, options: { ...create.options, requestTimeout: 1 } } });
		expect(error.message).toMatch(/^Item 1: the outcome of creating user "ID10-05113" at KMI Learning is unknown/);
		expect(error.description).toMatch(/Create or Update/);
		expect(posts()).toBe(1);
		expect(fake.server.users(KEY)).toHaveLength(0);
	});

	test('a Create refused with 429 was not carried out and is sent again', async () => {
		fake.server.state.faults.push({ method: 'POST', type: '429', retryAfter: '0' });
		const output = await runKmi(fake.server, { parameters: create });
		expect(output[0].json.externalId).toBe(ada.externalId);
		expect(posts()).toBe(2);
		expect(fake.server.users(KEY)).toHaveLength(1);
	});

	test.each(['processThen502', 'processThenCut'])('a Delete carried out and then answered %s reports the delete', async (type) => {
		fake.server.seedUser(KEY, ada);
		fake.server.state.faults.push({ method: 'DELETE', type });
		const output = await runKmi(fake.server, { parameters: { operation: 'delete', externalId: ada.externalId } });
		expect(output[0].json).toEqual({ deleted: true, externalId: ada.externalId });
	});

	test('items with the same external ID are updated in input order at any concurrency', async () => {
		fake.server.seedUser(KEY, ada);
		fake.server.state.faults.push({ method: 'PUT', type: 'slowProcessing', delayMs: 400 });
		const output = await runKmi(fake.server, {
			parameters: {
				operation: 'update',
				externalId: ada.externalId,
				updateFields: { city: '={{ $json.city }}' },
				options: { maxConcurrentRequests: 5 },
			},
			items: [{ city: 'First' }, { city: 'Second' }, { city: 'Third' }],
		});
		expect(output.map((item) => item.json.city)).toEqual(['First', 'Second', 'Third']);
		expect(fake.server.users(KEY)[0].city).toBe('Third');
	});
});
