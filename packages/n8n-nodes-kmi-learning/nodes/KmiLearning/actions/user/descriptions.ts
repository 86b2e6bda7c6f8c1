import type { INodeProperties } from 'n8n-workflow';

/**
 * Fields more than one operation shows, written out as literals so that n8n's lint rules check them.
 * Their labels and validation are in the table in userFields.ts, beside this file
 * (test/unit/descriptions.test.ts keeps the two in step).
 */

/** Create and Create or Update: the external ID, the four fields KMI requires, and the others as Additional Fields. */
export const createFields: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ID10-05113',
		description: 'The ID of the user in your own system; Get, Update and Delete find the user by it',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. name@email.com',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Login Name',
		name: 'loginName',
		type: 'string',
		required: true,
		default: '',
		description: 'The name the user signs in to the LMS with',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Address Line 2',
				name: 'address2',
				type: 'string',
				default: '',
			},
			{
				displayName: 'City',
				name: 'city',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '',
				placeholder: 'e.g. US',
				description: 'Two-letter ISO 3166-1 code, e.g. US, GB, DE',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'string',
				default: '',
				placeholder: 'e.g. NY',
				description: 'Two-letter US state code',
			},
			{
				displayName: 'ZIP Code',
				name: 'zip',
				type: 'string',
				default: '',
			},
		],
	},
];
