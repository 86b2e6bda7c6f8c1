import { NodeApiError } from 'n8n-workflow';

import { ada, KEY, OTHER_KEY, runKmi, runKmiExpectingError, SECRET } from '../helpers/kmi';
import { useFakeKmi } from '../helpers/fakeServers';

const fake = useFakeKmi();

describe('validation, before any request', () => {
	test.each([
		[{ additionalFields: { country: 'USA' } }, 'Item 1: Country must be a two-letter ISO 3166-1 country code such as US, GB or DE (got "USA")'],
		[{ additionalFields: { country: 'XX' } }, 'Item 1: Country must be a two-letter ISO 3166-1 country code such as US, GB or DE (got "XX")'],
		[{ additionalFields: { state: 'New York' } }, 'Item 1: State must be a two-letter US state code such as NY (got "New York")'],
		[{ email: 'ada.example.com' }, 'Item 1: Email must be an email address (got "ada.example.com")'],
		[{ loginName: '   ' }, 'Item 1: Login Name is required and cannot be empty'],
		[{ externalId: '' }, 'Item 1: External ID is required and cannot be empty'],
	])('Create with %j', async (change, message) => {
		const error = await runKmiExpectingError(fake.server, { parameters: { operation: 'create', ...ada, ...change } });
		expect(error.message).toBe(message);
		expect(fake.server.state.requests).toHaveLength(0);
	});

	test('country and state codes are accepted in any case and sent upper-case', async () => {
		await runKmi(fake.server, {
			parameters: { operation: 'create', ...ada, additionalFields: { country: 'de', state: 'Ca' } },
		});
		const post = fake.server.state.requests.find((request) => request.method === 'POST');
		expect(post?.body).toEqual(expect.objectContaining({ country: 'DE', state: 'CA' }));
	});

	test('a Base URL that is not http(s) names the field', async () => {
		const error = await runKmiExpectingError(fake.server, {
			parameters: { operation: 'get', externalId: 'x' },
			credentials: { baseUrl: 'ftp://lms.example.com' },
		});
		expect(error.message).toBe(
			'Base URL must be an http:// or https:// address (got "ftp://lms.example.com"): fix it in the credential',
		);
	});

	test('a Base URL with trailing slashes is normalised', async () => {
		fake.server.seedUser(KEY, ada);
		await runKmi(fake.server, {
			parameters: { operation: 'get', externalId: ada.externalId },
			credentials: { baseUrl: `${fake.server.baseUrl}//` },
		});
		expect(fake.server.state.requests[0].url).toBe('/api/v2/users/external_id/ID10-05113/');
	});
});

describe('items and continue-on-fail', () => {
	const items = [
		{ id: 'A-1', country: 'GB' },
		{ id: 'A-2', country: 'Britain' },
		{ id: 'A-3', country: 'FR' },
	];
	const parameters = {
		operation: 'create',
		...ada,
		externalId: '={{ $json.id }}',
		loginName: '={{ $json.id }}',
		additionalFields: { country: '={{ $json.country }}' },
	};

	test('a bad item becomes an error item on its own place, paired with its input; the others go through', async () => {
		const output = await runKmi(fake.server, { parameters, items, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(3);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.externalId).toBe('A-1');
		expect(output[1].json).toEqual({
			error: 'Item 2: Country must be a two-letter ISO 3166-1 country code such as US, GB or DE (got "Britain")',
		});
		expect(output[1].error).toBeDefined();
		expect(output[2].json.externalId).toBe('A-3');
		expect(fake.server.users(KEY).map((user) => user.externalId)).toEqual(['A-1', 'A-3']);
	});

	test('without continue-on-fail the run stops with the failing item named', async () => {
		const error = await runKmiExpectingError(fake.server, { parameters, items });
		expect(error.message).toContain('Item 2: Country');
		expect(fake.server.users(KEY).map((user) => user.externalId)).toEqual(['A-1']);
	});

	test('Max Concurrent Requests bounds the requests in flight and keeps the output order', async () => {
		const many = Array.from({ length: 30 }, (_, n) => ({ id: `C-${n}`, country: 'US' }));
		const slow = await (await import('../fake-kmi/server')).startFakeKmi({ keys: { [KEY]: SECRET }, latencyMs: 20 });
		try {
			const output = await runKmi(slow, {
				parameters: { ...parameters, options: { maxConcurrentRequests: 4, checkExternalIdUnused: false } },
				items: many,
			});
			expect(output.map((item) => item.json.externalId)).toEqual(many.map((item) => item.id));
			expect(slow.state.maxInFlight).toBe(4);
		} finally {
			await slow.stop();
		}
	});
});

describe('secrets and API errors', () => {
	const secretsIn = (text: string) => [KEY, SECRET, OTHER_KEY].filter((secret) => text.includes(secret));

	test('a wrong secret gives HTTP 401 in the API\'s words, with neither key nor secret anywhere in the error', async () => {
		const wrongSecret = 'kmi-WRONG-secret-1234';
		const error = await runKmiExpectingError(fake.server, {
			parameters: { operation: 'get', externalId: 'x' },
			credentials: { apiSecret: wrongSecret },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('KMI Learning refused the API key or secret (HTTP 401): Invalid API key or secret.');
		expect(error.httpCode).toBe('401');
		const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack, description: error.description });
		expect(secretsIn(everything)).toEqual([]);
		expect(everything).not.toContain(wrongSecret);
	});

	test('an API text that quotes the key is redacted', async () => {
		fake.server.state.faults.push({ type: 'answer', status: 401, body: { detail: `API key ${KEY} has expired.` } });
		const error = await runKmiExpectingError(fake.server, { parameters: { operation: 'get', externalId: 'x' } });
		expect(error.message).toBe('KMI Learning refused the API key or secret (HTTP 401): API key [redacted] has expired.');
	});

	test('error items under continue-on-fail carry no secrets either', async () => {
		const output = await runKmi(fake.server, {
			parameters: { operation: 'get', externalId: 'x', options: { retries: 0 } },
			credentials: { baseUrl: 'http://127.0.0.1:9' },
			onError: 'continueRegularOutput',
		});
		expect(output[0].json.error).toBe('Could not complete GET /users/external_id/x/ at KMI Learning: ECONNREFUSED');
		expect(secretsIn(JSON.stringify(output[0]))).toEqual([]);
	});

	test('HTTP 429 is retried after Retry-After, then succeeds', async () => {
		fake.server.seedUser(KEY, ada);
		fake.server.state.faults.push({ type: '429', retryAfter: '0' });
		const output = await runKmi(fake.server, { parameters: { operation: 'get', externalId: ada.externalId } });
		expect(output[0].json.externalId).toBe(ada.externalId);
		expect(fake.server.state.requests).toHaveLength(2);
	});

	test('an HTML 500 page is shown shortened as the message, and not retried', async () => {
		fake.server.state.faults.push({ type: '500' });
		const error = await runKmiExpectingError(fake.server, { parameters: { operation: 'get', externalId: 'x' } });
		expect(error.message).toBe('500 Internal Server Error');
		expect(error.description).toBe('KMI Learning answered HTTP 500 to GET /users/external_id/x/');
		expect(fake.server.state.requests).toHaveLength(1);
	});

	test('a POST whose connection drops after it landed is settled with a GET, never sent twice', async () => {
		fake.server.state.faults.push({ method: 'POST', type: 'processThenCut' });
		const output = await runKmi(fake.server, {
			parameters: { operation: 'create', ...ada, options: { checkExternalIdUnused: false } },
		});
		expect(output[0].json).toEqual(expect.objectContaining({ ...ada, id: 1 }));
		expect(fake.server.state.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'GET']);
		expect(fake.server.users(KEY)).toHaveLength(1);
	});
});

describe('the same external ID twice in one run, with Max Concurrent Requests', () => {
	const items = Array.from({ length: 6 }, (_, n) => ({ city: `City ${n}` }));
	const parameters = (operation: string) => ({
		operation,
		...ada,
		additionalFields: { city: '={{ $json.city }}' },
		options: { maxConcurrentRequests: 5 },
	});

	test('Create or Update creates the user once and updates it for the other items, in order', async () => {
		const output = await runKmi(fake.server, { parameters: parameters('upsert'), items });
		expect(output.map((item) => item.json._operation)).toEqual(['created', 'updated', 'updated', 'updated', 'updated', 'updated']);
		expect(fake.server.users(KEY)).toEqual([expect.objectContaining({ externalId: ada.externalId, city: 'City 5' })]);
	});

	test('Create creates it once; the other items are refused as duplicates', async () => {
		const output = await runKmi(fake.server, { parameters: parameters('create'), items, onError: 'continueRegularOutput' });
		expect(output[0].json.city).toBe('City 0');
		expect(output.slice(1).map((item) => item.json.error)).toEqual(
			[2, 3, 4, 5, 6].map((n) => `Item ${n}: a KMI Learning user with External ID "ID10-05113" already exists (LMS id 1)`),
		);
		expect(fake.server.users(KEY)).toHaveLength(1);
	});
});
