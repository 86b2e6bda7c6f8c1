import { runCirrus, runCirrusExpectingError, seedUser, TOKEN } from '../helpers/cirrus';
import { useFakeCirrus } from '../helpers/fakeServers';

const fake = useFakeCirrus();

const ada = { ExternalId: 'EMP-1', FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com' };

function apiRequests() {
	return fake.server.state.requests.map((request) => ({ method: request.method, path: request.path, body: request.body }));
}

describe('Get', () => {
	test('sends GET /user/{id} with the EAPI token and JSON headers, and returns Content.User', async () => {
		seedUser(fake.server, ada);
		const output = await runCirrus(fake.server, { parameters: { operation: 'get', externalId: 'EMP-1' } });

		expect(output).toEqual([{ json: ada, pairedItem: { item: 0 } }]);
		const [request] = fake.server.state.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/api/v1/integrations/user/EMP-1');
		expect(request.headers.authorization).toBe(`EAPI ${TOKEN}`);
		expect(request.headers['content-type']).toBe('application/json');
	});

	test('URL-encodes the external ID as one path segment', async () => {
		const id = 'grp/ä 1?x=y';
		seedUser(fake.server, { ...ada, ExternalId: id });
		const output = await runCirrus(fake.server, { parameters: { operation: 'get', externalId: id } });

		expect(output[0].json.ExternalId).toBe(id);
		expect(fake.server.state.requests[0].url).toBe('/api/v1/integrations/user/grp%2F%C3%A4%201%3Fx%3Dy');
	});

	test('a missing user is an error carrying the API text and code', async () => {
		const error = await runCirrusExpectingError(fake.server, { parameters: { operation: 'get', externalId: 'nobody' } });
		expect(error.message).toBe('Item 1: no Cirrus user has the External ID "nobody". Cirrus answered: User has not been found (code 202)');
		expect(error.httpCode).toBe('400');
		expect(error.description).toMatch(/Options → When Not Found/);
	});

	test('"Return Empty if Not Found" gives an empty item instead', async () => {
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'get', externalId: 'nobody', options: { whenNotFound: 'empty' } },
		});
		expect(output).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
	});

	test('reads the external ID per item from expressions', async () => {
		seedUser(fake.server, ada);
		seedUser(fake.server, { ...ada, ExternalId: 'EMP-2', FirstName: 'Grace' });
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'get', externalId: '={{ $json.id }}' },
			items: [{ id: 'EMP-2' }, { id: 'EMP-1' }],
		});
		expect(output.map((item) => [item.json.FirstName, item.pairedItem])).toEqual([
			['Grace', { item: 0 }],
			['Ada', { item: 1 }],
		]);
	});
});

describe('Create', () => {
	test('POSTs the user fields in API names and returns the user as Get does', async () => {
		const output = await runCirrus(fake.server, {
			parameters: {
				operation: 'create',
				externalId: ' EMP-9 ',
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace@example.com',
				additionalFields: {
					dateOfBirth: '1906-12-09T00:00:00',
					specialNeeds: true,
					reasonableAdjustmentPercentage: 25,
					labels: ['navy', 'cobol'],
					allowedIpAddresses: ['203.0.113.10'],
					disableLogin: false,
					hierarchies: { group: [{ externalId: 'ORG-1', isCoordinator: true }] },
				},
			},
		});

		const sent = {
			ExternalId: 'EMP-9',
			FirstName: 'Grace',
			LastName: 'Hopper',
			Email: 'grace@example.com',
			DateOfBirth: '1906-12-09',
			SpecialNeeds: true,
			ReasonableAdjustmentPercentage: 25,
			Labels: ['navy', 'cobol'],
			AllowedIpAddresses: ['203.0.113.10'],
			DisableLogin: false,
			Hierarchies: [
				{
					ExternalId: 'ORG-1',
					IsCoordinator: true,
					IsAdministrator: false,
					HasViewReportsPermissions: false,
					HasReScoringPermissions: false,
				},
			],
		};
		expect(apiRequests()).toEqual([
			{ method: 'POST', path: '/api/v1/integrations/user', body: sent },
			{ method: 'GET', path: '/api/v1/integrations/user/EMP-9', body: undefined },
		]);
		// The output is the user as GET returns it: hierarchies gain their read-only title and path.
		const [group] = sent.Hierarchies;
		const read = { ...sent, Hierarchies: [{ ...group, GroupTitle: 'Group ORG-1', GroupPath: 'Root / Group ORG-1', GroupIsOrganization: false }] };
		expect(output).toEqual([{ json: read, pairedItem: { item: 0 } }]);
		expect(JSON.stringify(fake.server.state.requests)).not.toContain('SynchronizationKey');
	});

	test('"Read Back Created User" off: one call, output is the sent fields', async () => {
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'create', externalId: 'EMP-3', firstName: 'Alan', lastName: 'Turing', options: { readBack: false } },
		});
		expect(apiRequests().map((request) => request.method)).toEqual(['POST']);
		expect(output[0].json).toEqual({ ExternalId: 'EMP-3', FirstName: 'Alan', LastName: 'Turing' });
	});

	test('an ID already in use is an error in the API words', async () => {
		seedUser(fake.server, ada);
		const error = await runCirrusExpectingError(fake.server, {
			parameters: { operation: 'create', externalId: 'EMP-1', firstName: 'Ada', lastName: 'L' },
		});
		expect(error.message).toBe(
			'Item 1: a Cirrus user with External ID "EMP-1" already exists (Cirrus: The given user identifier is not unique (code 102))',
		);
		expect(error.description).toMatch(/use the operation Create or Update/);
	});
});

describe('Update', () => {
	test('PATCHes only the fields set and returns the updated user', async () => {
		seedUser(fake.server, ada);
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'update', externalId: 'EMP-1', updateFields: { city: 'London', labels: ['math'] } },
		});
		expect(apiRequests()).toEqual([
			{ method: 'PATCH', path: '/api/v1/integrations/user/EMP-1', body: { City: 'London', Labels: ['math'] } },
			{ method: 'GET', path: '/api/v1/integrations/user/EMP-1', body: undefined },
		]);
		expect(output[0].json).toEqual({ ...ada, City: 'London', Labels: ['math'] });
	});

	test('a rename reads the user back under the new ID', async () => {
		seedUser(fake.server, ada);
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'update', externalId: 'EMP-1', updateFields: { newExternalId: 'EMP-100', firstName: 'Augusta' } },
		});
		expect(apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'PATCH /api/v1/integrations/user/EMP-1',
			'GET /api/v1/integrations/user/EMP-100',
		]);
		expect(fake.server.state.requests[0].body).toEqual({ ExternalId: 'EMP-100', FirstName: 'Augusta' });
		expect(output[0].json).toEqual({ ...ada, ExternalId: 'EMP-100', FirstName: 'Augusta' });
	});

	test('read-back off: the output is the ID and the fields sent', async () => {
		seedUser(fake.server, ada);
		const output = await runCirrus(fake.server, {
			parameters: { operation: 'update', externalId: 'EMP-1', updateFields: { city: 'Paris' }, options: { readBack: false } },
		});
		expect(apiRequests().map((request) => request.method)).toEqual(['PATCH']);
		expect(output[0].json).toEqual({ ExternalId: 'EMP-1', City: 'Paris' });
	});

	test('refuses an update without fields before any request', async () => {
		seedUser(fake.server, ada);
		const error = await runCirrusExpectingError(fake.server, {
			parameters: { operation: 'update', externalId: 'EMP-1', updateFields: {} },
		});
		expect(error.message).toBe('Item 1: Update Fields has no field set: add at least one field to change');
		expect(fake.server.state.requests).toHaveLength(0);
	});
});

describe('Delete', () => {
	test('DELETEs and answers { deleted: true, externalId }; the user is in the Trash Can', async () => {
		seedUser(fake.server, ada);
		const output = await runCirrus(fake.server, { parameters: { operation: 'delete', externalId: 'EMP-1' } });
		expect(apiRequests()).toEqual([{ method: 'DELETE', path: '/api/v1/integrations/user/EMP-1', body: undefined }]);
		expect(output).toEqual([{ json: { deleted: true, externalId: 'EMP-1' }, pairedItem: { item: 0 } }]);
		expect(fake.server.state.trash.has('EMP-1')).toBe(true);
		expect(fake.server.state.users.has('EMP-1')).toBe(false);
	});

	test('a missing user is an error by default', async () => {
		const error = await runCirrusExpectingError(fake.server, { parameters: { operation: 'delete', externalId: 'gone' } });
		expect(error.message).toBe('Item 1: no Cirrus user has the External ID "gone". Cirrus answered: User has not been found (code 202)');
		expect(error.description).toMatch(/Succeed If Not Found/);
	});
});

describe('envelope and API errors', () => {
	test('Success: false inside HTTP 200 is an error with the API text', async () => {
		seedUser(fake.server, ada);
		fake.server.state.faults.push({ type: 'success-false-200' });
		const error = await runCirrusExpectingError(fake.server, { parameters: { operation: 'get', externalId: 'EMP-1' } });
		expect(error.message).toBe('Unknown error (code 102)');
	});

	test('HTTP 500 with an HTML body is an error that names the status', async () => {
		fake.server.state.faults.push({ type: '500' });
		const error = await runCirrusExpectingError(fake.server, { parameters: { operation: 'get', externalId: 'EMP-1' } });
		expect(error.message).toBe('500 Internal Server Error');
		expect(error.httpCode).toBe('500');
		expect(error.description).toBe('Cirrus answered HTTP 500 to GET /user/EMP-1');
	});

	test('a wrong token gives a 403 error that never shows the token', async () => {
		const wrongToken = 'WRONG-token-ab12cd34';
		const error = await runCirrusExpectingError(fake.server, {
			parameters: { operation: 'get', externalId: 'EMP-1' },
			credentials: { token: wrongToken },
		});
		expect(error.message).toBe('Cirrus refused the API token (HTTP 403): Not allowed to use external API');
		expect(error.httpCode).toBe('403');
		const everything = JSON.stringify({ error, message: error.message, description: error.description, stack: error.stack });
		expect(everything).not.toContain(wrongToken);
		expect(everything).not.toContain(TOKEN);
	});
});
