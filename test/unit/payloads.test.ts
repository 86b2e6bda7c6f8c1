// What the node sends is what the user meant (issue 10): no list blanked by accident, one value coercion
// for both nodes, KMI updates that keep every field the LMS holds, Get Many that never truncates, and
// "not found" only when the API itself says so.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runCirrus, runCirrusExpectingError, seedUser } from '../helpers/cirrus';
import { useFakeCirrus, useFakeKmi } from '../helpers/fakeServers';
import { ada, KEY, runKmi, runKmiExpectingError } from '../helpers/kmi';

describe('Cirrus', () => {
	const fake = useFakeCirrus();
	const patches = () => fake.server.state.requests.filter((request) => request.method === 'PATCH').map((request) => request.body);
	const update = (updateFields: INodeParameters, items?: IDataObject[]) =>
		runCirrus(fake.server, {
			parameters: { operation: 'update', externalId: 'EMP-1', updateFields, options: { readBack: false } },
			items,
		});
	const member = { ExternalId: 'ORG-1', IsCoordinator: true, IsAdministrator: false, HasViewReportsPermissions: false, HasReScoringPermissions: false };
	beforeEach(() =>
		seedUser(fake.server, { ExternalId: 'EMP-1', FirstName: 'A', LastName: 'B', Labels: ['keep'], AllowedIpAddresses: ['203.0.113.1'], Hierarchies: [member] }),
	);

	test('Hierarchies added without a group is not sent, and the groups stay', async () => {
		await update({ city: 'Oslo', hierarchies: {} });
		expect(patches()).toEqual([{ City: 'Oslo' }]);
		expect(fake.server.state.users.get('EMP-1')?.Hierarchies).toEqual([member]);
	});

	test.each([
		['an empty list', []],
		['an expression giving an empty list', ['={{ [] }}']],
		['an expression giving nothing', ['={{ $json.missing }}']],
		['an empty entry', ['']],
	])('Labels and Allowed IP Addresses given %s are not sent', async (_name, value) => {
		await update({ city: 'Oslo', labels: value, allowedIpAddresses: value });
		expect(patches()).toEqual([{ City: 'Oslo' }]);
		expect(fake.server.state.users.get('EMP-1')?.Labels).toEqual(['keep']);
	});

	test('an update whose only field is an empty list sends nothing', async () => {
		const error = await runCirrusExpectingError(fake.server, {
			parameters: { operation: 'update', externalId: 'EMP-1', updateFields: { labels: [] } },
		});
		expect(error.message).toBe('Item 1: Update Fields has no field set: add at least one field to change');
		expect(fake.server.state.requests).toHaveLength(0);
	});

	test('"Lists to Clear" empties the chosen lists, and only those', async () => {
		await update({ listsToClear: ['labels', 'hierarchies'] });
		expect(patches()).toEqual([{ Labels: [], Hierarchies: [] }]);
		expect(fake.server.state.users.get('EMP-1')).toEqual(
			expect.objectContaining({ Labels: [], Hierarchies: [], AllowedIpAddresses: ['203.0.113.1'] }),
		);
	});

	test('a list both given and chosen to clear is refused before any request', async () => {
		const error = await runCirrusExpectingError(fake.server, {
			parameters: { operation: 'update', externalId: 'EMP-1', updateFields: { labels: ['x'], listsToClear: ['labels'] } },
		});
		expect(error.message).toBe('Item 1: Labels is given and also chosen in Lists to Clear: keep one of the two');
		expect(fake.server.state.requests).toHaveLength(0);
	});

	test('a list given one entry per expression takes the arrays apart; a single text is one entry', async () => {
		await update({ labels: ['={{ $json.labels }}', 'fixed', '={{ $json.one }}'] }, [{ labels: ['x', 'y'], one: 'a,b' }]);
		expect(patches()).toEqual([{ Labels: ['x', 'y', 'fixed', 'a,b'] }]);
	});

	test('a whole list from one expression is the list', async () => {
		await update({ allowedIpAddresses: '={{ $json.ips }}' }, [{ ips: ['203.0.113.7', '203.0.113.8'] }]);
		expect(patches()).toEqual([{ AllowedIpAddresses: ['203.0.113.7', '203.0.113.8'] }]);
	});

	test('an External ID that is a number is its decimal string', async () => {
		seedUser(fake.server, { ExternalId: '12345', FirstName: 'N', LastName: 'M' });
		const output = await runCirrus(fake.server, { parameters: { operation: 'get', externalId: '={{ $json.id }}' }, items: [{ id: 12345 }] });
		expect(output[0].json.ExternalId).toBe('12345');
		expect(fake.server.state.requests[0].path).toBe('/api/v1/integrations/user/12345');
	});

	test.each([
		['an External ID that is a boolean', { operation: 'get', externalId: '={{ true }}' }, 'Item 1: External ID must be text or a number (got the boolean true)'],
		[
			'an object in a text field',
			{ operation: 'update', externalId: 'EMP-1', updateFields: { city: '={{ { name: "Oslo" } }}' } },
			'Item 1: City must be text or a number (got an object: {"name":"Oslo"})',
		],
		[
			'a list in a text field',
			{ operation: 'update', externalId: 'EMP-1', updateFields: { city: '={{ ["Oslo"] }}' } },
			'Item 1: City must be text or a number (got a list: ["Oslo"])',
		],
		[
			'an object in a list',
			{ operation: 'update', externalId: 'EMP-1', updateFields: { labels: ['={{ { a: 1 } }}'] } },
			'Item 1: Labels must be text or a number (got an object: {"a":1})',
		],
		[
			'a yes/no field that is neither',
			{ operation: 'update', externalId: 'EMP-1', updateFields: { disableLogin: '={{ "yes" }}' } },
			'Item 1: Disable Login must be true or false (got "yes")',
		],
	])('refuses %s, naming the item and the field, before any request', async (_name, parameters, message) => {
		const error = await runCirrusExpectingError(fake.server, { parameters });
		expect(error.message).toBe(message);
		expect(fake.server.state.requests).toHaveLength(0);
	});

	test('a yes/no field takes "true" and "false" as text', async () => {
		await update({ disableLogin: '={{ "true" }}', specialNeeds: '={{ "false" }}' });
		expect(patches()).toEqual([{ DisableLogin: true, SpecialNeeds: false }]);
	});
});

describe('KMI Learning', () => {
	const fake = useFakeKmi();

	test('Keep Current Values keeps every field the LMS holds, also those the node has no field for', async () => {
		fake.server.seedUser(KEY, { ...ada, city: 'London', expirationDate: '2027-06-30', phone: '+44 20 7946 0000', department: 'Maths' });
		const output = await runKmi(fake.server, {
			parameters: { operation: 'update', externalId: ada.externalId, updateFields: { city: 'Leeds' } },
		});
		const [stored] = fake.server.users(KEY);
		expect(stored).toEqual(
			expect.objectContaining({ ...ada, city: 'Leeds', expirationDate: '2027-06-30', phone: '+44 20 7946 0000', department: 'Maths' }),
		);
		expect(output[0].json).toEqual(stored);
		const put = fake.server.state.requests.find((request) => request.method === 'PUT');
		for (const readOnly of ['id', 'createdDate', 'updatedDate']) expect(put?.body).not.toHaveProperty(readOnly);
	});

	test('Create or Update of an existing user keeps the fields it does not set', async () => {
		fake.server.seedUser(KEY, { ...ada, city: 'London', expirationDate: '2027-06-30', department: 'Maths' });
		await runKmi(fake.server, { parameters: { operation: 'upsert', ...ada, firstName: 'Augusta' } });
		expect(fake.server.users(KEY)[0]).toEqual(
			expect.objectContaining({ firstName: 'Augusta', city: 'London', expirationDate: '2027-06-30', department: 'Maths' }),
		);
	});

	test('an object in a text field is refused as on Cirrus; a number is its decimal string', async () => {
		const error = await runKmiExpectingError(fake.server, {
			parameters: { operation: 'create', ...ada, additionalFields: { city: '={{ { name: "Oslo" } }}' } },
		});
		expect(error.message).toBe('Item 1: City must be text or a number (got an object: {"name":"Oslo"})');
		expect(fake.server.state.requests).toHaveLength(0);

		await runKmi(fake.server, { parameters: { operation: 'create', ...ada, additionalFields: { zip: '={{ 10001 }}' } } });
		expect(fake.server.users(KEY)[0].zip).toBe('10001');
	});

	describe('Get Many under an LMS page cap of 50', () => {
		beforeEach(() => {
			fake.server.state.maxPageSize = 50;
			for (let n = 0; n < 120; n++) {
				fake.server.seedUser(KEY, { ...ada, externalId: `U-${n}`, loginName: `u${n}` });
			}
		});

		test('Return All returns all 120 users, in order', async () => {
			const output = await runKmi(fake.server, { parameters: { operation: 'getMany', returnAll: true } });
			expect(output.map((item) => item.json.externalId)).toEqual(Array.from({ length: 120 }, (_, n) => `U-${n}`));
		});

		test.each([50, 70, 120])('Limit %i returns exactly that many', async (limit) => {
			const output = await runKmi(fake.server, { parameters: { operation: 'getMany', returnAll: false, limit } });
			expect(output.map((item) => item.json.externalId)).toEqual(Array.from({ length: limit }, (_, n) => `U-${n}`));
		});
	});

	describe('"not found" only when KMI says so', () => {
		const wrongHost = () => ({ baseUrl: `${fake.server.baseUrl}/not-the-lms` });

		test('Get with When Not Found → Return an Empty Item fails on a 404 page that is not the API, naming the Base URL', async () => {
			const error = await runKmiExpectingError(fake.server, {
				parameters: { operation: 'get', externalId: 'nobody', options: { whenNotFound: 'empty' } },
				credentials: wrongHost(),
			});
			expect(error.message).toBe(
				`KMI Learning answered HTTP 404 with a page that is not the API's answer (Not Found): check the Base URL in the credential (${fake.server.baseUrl}/not-the-lms)`,
			);
		});

		test('Delete with Succeed If Not Found fails there too', async () => {
			const error = await runKmiExpectingError(fake.server, {
				parameters: { operation: 'delete', externalId: 'nobody', options: { succeedIfNotFound: true } },
				credentials: wrongHost(),
			});
			expect(error.message).toMatch(/^KMI Learning answered HTTP 404 with a page that is not the API's answer/);
		});

		test("KMI's own JSON answer still means no such user", async () => {
			const output = await runKmi(fake.server, {
				parameters: { operation: 'delete', externalId: 'nobody', options: { succeedIfNotFound: true } },
			});
			expect(output[0].json).toEqual({ deleted: false, notFound: true, externalId: 'nobody' });
		});
	});
});
