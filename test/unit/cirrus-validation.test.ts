import type { INodeParameters } from 'n8n-workflow';

import { runCirrus, runCirrusExpectingError } from '../helpers/cirrus';
import { useFakeCirrus } from '../helpers/fakeServers';

const fake = useFakeCirrus();

const create = (overrides: INodeParameters): INodeParameters => ({
	operation: 'create',
	externalId: 'EMP-1',
	firstName: 'Ada',
	lastName: 'Lovelace',
	...overrides,
});

const cases: Array<[string, INodeParameters, string]> = [
	['empty External ID', { operation: 'get', externalId: '' }, 'Item 1: External ID is required and cannot be empty'],
	['whitespace-only External ID', { operation: 'delete', externalId: '   ' }, 'Item 1: External ID is required and cannot be empty'],
	['External ID over 64 characters', { operation: 'get', externalId: 'x'.repeat(65) }, 'Item 1: External ID is 65 characters long; the maximum is 64'],
	['missing First Name', create({ firstName: '' }), 'Item 1: First Name is required and cannot be empty'],
	['missing Last Name', create({ lastName: ' ' }), 'Item 1: Last Name is required and cannot be empty'],
	['First Name over 500 characters', create({ firstName: 'a'.repeat(501) }), 'Item 1: First Name is 501 characters long; the maximum is 500'],
	['Email over 100 characters', create({ email: `${'a'.repeat(95)}@x.com` }), 'Item 1: Email is 101 characters long; the maximum is 100'],
	['Username over 50 characters', create({ additionalFields: { userName: 'u'.repeat(51) } }), 'Item 1: Username is 51 characters long; the maximum is 50'],
	['a Date of Birth that is not a date', create({ additionalFields: { dateOfBirth: 'last tuesday' } }), 'Item 1: Date of Birth must be a date as YYYY-MM-DD (got "last tuesday")'],
	['an impossible Date of Birth', create({ additionalFields: { dateOfBirth: '2023-02-30' } }), 'Item 1: Date of Birth must be a date as YYYY-MM-DD (got "2023-02-30")'],
	[
		'Reasonable Adjustment Percentage with Special Needs off (update)',
		{ operation: 'update', externalId: 'EMP-1', updateFields: { specialNeeds: false, reasonableAdjustmentPercentage: 20 } },
		'Item 1: Reasonable Adjustment Percentage is only allowed with Special Needs on: remove Special Needs, or turn it on',
	],
	[
		'Reasonable Adjustment Percentage over 100',
		create({ additionalFields: { specialNeeds: true, reasonableAdjustmentPercentage: '=150' } }),
		'Item 1: Reasonable Adjustment Percentage must be a whole number from 0 to 100 (got "150")',
	],
	['an empty New External ID', { operation: 'update', externalId: 'EMP-1', updateFields: { newExternalId: ' ' } }, 'Item 1: New External ID cannot be empty'],
	[
		'a group without its External ID',
		create({ additionalFields: { hierarchies: { group: [{ externalId: '' }] } } }),
		'Item 1: Hierarchies → Group 1 → Group External ID is required and cannot be empty',
	],
];

test.each(cases)('refuses %s with a clear error before any request', async (_name, parameters, message) => {
	const error = await runCirrusExpectingError(fake.server, { parameters });
	expect(error.constructor.name).toBe('NodeOperationError');
	expect(error.message).toBe(message);
	expect((error.context as { itemIndex?: number }).itemIndex).toBe(0);
	expect(fake.server.state.requests).toHaveLength(0);
});

test('names the failing item among several', async () => {
	fake.server.state.users.set('EMP-1', { ExternalId: 'EMP-1' });
	fake.server.state.users.set('EMP-2', { ExternalId: 'EMP-2' });
	const error = await runCirrusExpectingError(fake.server, {
		parameters: { operation: 'get', externalId: '={{ $json.id }}' },
		items: [{ id: 'EMP-1' }, { id: 'EMP-2' }, { id: '' }],
	});
	expect(error.message).toBe('Item 3: External ID is required and cannot be empty');
	expect((error.context as { itemIndex?: number }).itemIndex).toBe(2);
});

test('a custom base URL that is not http(s) is refused before any request', async () => {
	const error = await runCirrusExpectingError(fake.server, {
		parameters: { operation: 'get', externalId: 'EMP-1' },
		credentials: { baseUrl: 'ftp://files.example.com/api' },
	});
	expect(error.message).toBe(
		'Base URL must be an http:// or https:// address (got "ftp://files.example.com/api"): fix it in the credential',
	);
	expect(fake.server.state.requests).toHaveLength(0);
});

test('trailing slashes of a custom base URL are normalised', async () => {
	fake.server.state.users.set('EMP-1', { ExternalId: 'EMP-1' });
	await runCirrusExpectingError(fake.server, {
		parameters: { operation: 'get', externalId: 'nobody' },
		credentials: { baseUrl: `${fake.server.baseUrl}///` },
	});
	expect(fake.server.state.requests[0].url).toBe('/api/v1/integrations/user/nobody');
});

test('Reasonable Adjustment Percentage on its own turns Special Needs on, which Cirrus requires for it', async () => {
	await runCirrus(fake.server, { parameters: create({ additionalFields: { reasonableAdjustmentPercentage: 20 } }) });
	const [post] = fake.server.state.requests;
	expect(post.body).toEqual(expect.objectContaining({ ReasonableAdjustmentPercentage: 20, SpecialNeeds: true }));
	expect(fake.server.state.users.get('EMP-1')?.ReasonableAdjustmentPercentage).toBe(20);
});
