import { ada, KEY, OTHER_KEY, runKmi, runKmiExpectingError, SECRET } from '../helpers/kmi';
import { useFakeKmi } from '../helpers/fakeServers';

const fake = useFakeKmi();

function apiRequests() {
	return fake.server.state.requests.map((request) => ({ method: request.method, url: request.url, body: request.body }));
}

const userPath = (id: string) => `/api/v2/users/external_id/${id}/`;

describe('Get', () => {
	test('sends GET /api/v2/users/external_id/{id}/ with key, secret and Accept, and returns the user', async () => {
		const seeded = fake.server.seedUser(KEY, { ...ada, city: 'London' });
		const output = await runKmi(fake.server, { parameters: { operation: 'get', externalId: ada.externalId } });

		expect(output).toEqual([{ json: seeded, pairedItem: { item: 0 } }]);
		const [request] = fake.server.state.requests;
		expect(request.method).toBe('GET');
		expect(request.url).toBe(userPath('ID10-05113'));
		expect(request.headers['x-api-key']).toBe(KEY);
		expect(request.headers['x-api-secret']).toBe(SECRET);
		expect(request.headers.accept).toBe('application/json');
	});

	test('URL-encodes the external ID as one path segment, keeping the trailing slash', async () => {
		const id = 'grp/ä 1?x=y';
		fake.server.seedUser(KEY, { ...ada, externalId: id });
		const output = await runKmi(fake.server, { parameters: { operation: 'get', externalId: id } });

		expect(output[0].json.externalId).toBe(id);
		expect(fake.server.state.requests[0].url).toBe('/api/v2/users/external_id/grp%2F%C3%A4%201%3Fx%3Dy/');
	});

	test('a missing user is an error carrying the API text and HTTP 404', async () => {
		const error = await runKmiExpectingError(fake.server, { parameters: { operation: 'get', externalId: 'nobody' } });
		expect(error.message).toBe('Item 1: no KMI Learning user has the External ID "nobody". KMI Learning answered: Not found.');
		expect(error.httpCode).toBe('404');
		expect(error.description).toBe(
			'To get { found: false, externalId } or an empty item instead of an error, set Options → When Not Found.',
		);
	});

	test('"When Not Found" gives { found: false, externalId } or an empty item instead', async () => {
		const get = (whenNotFound: string) =>
			runKmi(fake.server, { parameters: { operation: 'get', externalId: 'nobody', options: { whenNotFound } } });
		expect(await get('foundFalse')).toEqual([{ json: { found: false, externalId: 'nobody' }, pairedItem: { item: 0 } }]);
		expect(await get('empty')).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
	});
});

describe('API keys keep their users apart', () => {
	test('the same external ID under two keys is two users; each key sees and changes only its own', async () => {
		fake.server.seedUser(OTHER_KEY, { ...ada, firstName: 'Other', city: 'Oslo' });
		const notMine = await runKmi(fake.server, {
			parameters: { operation: 'get', externalId: ada.externalId, options: { whenNotFound: 'empty' } },
		});
		expect(notMine[0].json).toEqual({});

		const created = await runKmi(fake.server, { parameters: { operation: 'create', ...ada } });
		expect(created[0].json.firstName).toBe('Ada');
		await runKmi(fake.server, {
			parameters: { operation: 'update', externalId: ada.externalId, updateFields: { city: 'Paris' } },
		});
		await runKmi(fake.server, { parameters: { operation: 'delete', externalId: ada.externalId } });

		expect(fake.server.deletedUsers(KEY).map((user) => user.city)).toEqual(['Paris']);
		expect(fake.server.users(OTHER_KEY)).toEqual([expect.objectContaining({ firstName: 'Other', city: 'Oslo' })]);
		const asOther = await runKmi(fake.server, {
			parameters: { operation: 'get', externalId: ada.externalId },
			credentials: { apiKey: OTHER_KEY, apiSecret: 'kmi-OtHeR-1a2b3c4d' },
		});
		expect(asOther[0].json).toEqual(expect.objectContaining({ firstName: 'Other', city: 'Oslo' }));
	});
});

describe('Create', () => {
	test('checks the external ID is unused, then POSTs /api/v2/users/ and returns the created user', async () => {
		const output = await runKmi(fake.server, {
			parameters: {
				operation: 'create',
				...ada,
				firstName: '  Ada ',
				additionalFields: { city: 'New York', state: 'ny', country: 'us', zip: '10001', address: '1 Main St' },
			},
		});

		const expectedBody = {
			externalId: 'ID10-05113',
			email: 'ada@example.com',
			firstName: 'Ada',
			lastName: 'Lovelace',
			loginName: 'ada.lovelace',
			city: 'New York',
			state: 'NY',
			country: 'US',
			zip: '10001',
			address: '1 Main St',
		};
		expect(apiRequests()).toEqual([
			{ method: 'GET', url: userPath('ID10-05113'), body: undefined },
			{ method: 'POST', url: '/api/v2/users/', body: expectedBody },
		]);
		expect(fake.server.state.requests[1].headers['content-type']).toBe('application/json');
		expect(output).toEqual([
			{
				json: {
					id: 1,
					...expectedBody,
					address2: '',
					expirationDate: '',
					phone: '',
					createdDate: '2026-11-01T00:00:01Z',
					updatedDate: '2026-11-01T00:00:01Z',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('refuses an external ID already in use under this key, without POSTing (KMI does not check)', async () => {
		fake.server.seedUser(KEY, ada);
		const error = await runKmiExpectingError(fake.server, { parameters: { operation: 'create', ...ada } });
		expect(error.message).toBe('Item 1: a KMI Learning user with External ID "ID10-05113" already exists (LMS id 1)');
		expect(apiRequests().map((request) => request.method)).toEqual(['GET']);
		expect(fake.server.users(KEY)).toHaveLength(1);
	});

	test('with "Check External ID Is Unused" off it POSTs at once', async () => {
		await runKmi(fake.server, { parameters: { operation: 'create', ...ada, options: { checkExternalIdUnused: false } } });
		expect(apiRequests().map((request) => request.method)).toEqual(['POST']);
	});

	test('an API error body is surfaced in the API\'s own words', async () => {
		fake.server.state.faults.push({
			method: 'POST',
			type: 'answer',
			status: 400,
			body: { loginName: ['A user with that login name already exists.'] },
		});
		const error = await runKmiExpectingError(fake.server, { parameters: { operation: 'create', ...ada } });
		expect(error.message).toBe('loginName: A user with that login name already exists.');
		expect(error.httpCode).toBe('400');
	});
});

describe('Update', () => {
	test('Keep Current Values reads the user and PUTs every field it holds, but the read-only ones, under the one changed field', async () => {
		fake.server.seedUser(KEY, { ...ada, city: 'London', country: 'GB', zip: 'NW1' });
		const output = await runKmi(fake.server, {
			parameters: { operation: 'update', externalId: ada.externalId, updateFields: { city: 'Paris' } },
		});

		const empty = { address: '', address2: '', state: '', expirationDate: '', phone: '' };
		const expectedBody = { ...ada, ...empty, city: 'Paris', country: 'GB', zip: 'NW1' };
		expect(apiRequests()).toEqual([
			{ method: 'GET', url: userPath('ID10-05113'), body: undefined },
			{ method: 'PUT', url: userPath('ID10-05113'), body: expectedBody },
		]);
		expect(output[0].json).toEqual(expect.objectContaining({ ...expectedBody, address: '', id: 1 }));
		expect(fake.server.users(KEY)).toEqual([expect.objectContaining(expectedBody)]);
	});

	test('Send As Given sends only the given fields: one PUT, and the LMS clears the rest', async () => {
		fake.server.seedUser(KEY, { ...ada, city: 'London' });
		await runKmi(fake.server, {
			parameters: {
				operation: 'update',
				externalId: ada.externalId,
				fieldsNotGiven: 'asGiven',
				updateFields: { email: 'ada@new.example.com', firstName: 'Ada', lastName: 'King', loginName: 'ada.king' },
			},
		});
		expect(apiRequests()).toEqual([
			{
				method: 'PUT',
				url: userPath('ID10-05113'),
				body: { email: 'ada@new.example.com', firstName: 'Ada', lastName: 'King', loginName: 'ada.king', externalId: ada.externalId },
			},
		]);
		expect(fake.server.users(KEY)[0].city).toBe('');
	});

	test('Send As Given without the four required fields is refused before any request', async () => {
		const error = await runKmiExpectingError(fake.server, {
			parameters: { operation: 'update', externalId: ada.externalId, fieldsNotGiven: 'asGiven', updateFields: { city: 'Paris', email: 'a@b.co' } },
		});
		expect(error.message).toBe(
			'Item 1: Update Fields lacks First Name, Last Name, Login Name: KMI Learning requires them in every update. Add them, or set "Fields Not Given" to "Keep Current Values".',
		);
		expect(fake.server.state.requests).toHaveLength(0);
	});

	test('a missing user is the API\'s 404, and nothing is written', async () => {
		const error = await runKmiExpectingError(fake.server, {
			parameters: { operation: 'update', externalId: 'nobody', updateFields: { city: 'Paris' } },
		});
		expect(error.message).toBe('Item 1: no KMI Learning user has the External ID "nobody". KMI Learning answered: Not found.');
		expect(error.description).toBe('Update changes existing users only; Create or Update also creates missing ones.');
		expect(apiRequests().map((request) => request.method)).toEqual(['GET']);
	});

	test('no field to change is refused before any request', async () => {
		const error = await runKmiExpectingError(fake.server, {
			parameters: { operation: 'update', externalId: ada.externalId, updateFields: { city: '  ' } },
		});
		expect(error.message).toBe('Item 1: Update Fields has no field set: add at least one field to change');
		expect(fake.server.state.requests).toHaveLength(0);
	});
});

describe('Delete', () => {
	test('DELETE answers 204; the user is soft-deleted and no longer found', async () => {
		fake.server.seedUser(KEY, ada);
		const output = await runKmi(fake.server, { parameters: { operation: 'delete', externalId: ada.externalId } });

		expect(output).toEqual([{ json: { deleted: true, externalId: ada.externalId }, pairedItem: { item: 0 } }]);
		expect(apiRequests()).toEqual([{ method: 'DELETE', url: userPath('ID10-05113'), body: undefined }]);
		expect(fake.server.deletedUsers(KEY)).toHaveLength(1);
		expect(fake.server.users(KEY)).toHaveLength(0);
	});

	test('a missing user is an error, or { deleted: false, notFound: true } with "Succeed If Not Found"', async () => {
		const error = await runKmiExpectingError(fake.server, { parameters: { operation: 'delete', externalId: 'nobody' } });
		expect(error.message).toBe('Item 1: no KMI Learning user has the External ID "nobody". KMI Learning answered: Not found.');
		expect(error.description).toBe('To treat a user who is already gone as done, turn on Options → Succeed If Not Found.');

		const output = await runKmi(fake.server, {
			parameters: { operation: 'delete', externalId: 'nobody', options: { succeedIfNotFound: true } },
		});
		expect(output[0].json).toEqual({ deleted: false, notFound: true, externalId: 'nobody' });
	});

	test('a DELETE repeated after a dropped connection reports the delete that landed', async () => {
		fake.server.seedUser(KEY, ada);
		fake.server.state.faults.push({ method: 'DELETE', type: 'processThenCut' });
		const output = await runKmi(fake.server, { parameters: { operation: 'delete', externalId: ada.externalId } });
		expect(output[0].json).toEqual({ deleted: true, externalId: ada.externalId });
		expect(apiRequests().map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
	});
});

describe('Create or Update', () => {
	test('creates a missing user', async () => {
		const output = await runKmi(fake.server, { parameters: { operation: 'upsert', ...ada } });
		expect(output[0].json).toEqual(expect.objectContaining({ ...ada, id: 1, _operation: 'created' }));
		expect(apiRequests().map((request) => request.method)).toEqual(['GET', 'POST']);
	});

	test('updates an existing user over its current values, so additional fields not given are kept', async () => {
		fake.server.seedUser(KEY, { ...ada, city: 'London', country: 'GB' });
		const output = await runKmi(fake.server, {
			parameters: { operation: 'upsert', ...ada, lastName: 'King', additionalFields: { zip: 'NW1' } },
		});
		expect(output[0].json).toEqual(
			expect.objectContaining({ ...ada, lastName: 'King', city: 'London', country: 'GB', zip: 'NW1', _operation: 'updated' }),
		);
		expect(apiRequests().map((request) => request.method)).toEqual(['GET', 'PUT']);
		expect(fake.server.users(KEY)).toHaveLength(1);
	});
});
