import type { INodeProperties } from 'n8n-workflow';

/**
 * Fields more than one operation shows, written out as literals so that n8n's lint rules check them.
 * Each field's API name, type and maximum length are in the table in userFields.ts, beside this file
 * (test/unit/descriptions.test.ts keeps the two in step).
 */

/** Create and Create or Update: the user's ID and names, Email, and every other field as Additional Fields. */
export const createFields: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. EMP-10042',
		description: 'The ID of the user in your own system; it becomes the "User ID" in Cirrus',
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
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Address Line 1',
				name: 'addressLine1',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Address Line 2',
				name: 'addressLine2',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Allowed IP Addresses',
				name: 'allowedIpAddresses',
				type: 'string',
				typeOptions: { multipleValues: true },
				default: [],
				placeholder: '203.0.113.10',
				description: 'IP addresses the user may sign in from',
			},
			{
				displayName: 'Cellular Phone',
				name: 'cellularPhone',
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
				displayName: 'Company',
				name: 'company',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Country Code',
				name: 'countryCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. GB',
				description: 'The country code your Cirrus tenant uses, e.g. GB or NL',
			},
			{
				displayName: 'Date of Birth',
				name: 'dateOfBirth',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1990-12-31',
				description: 'A date as YYYY-MM-DD (YYYYMMDD and date-times from expressions are accepted)',
			},
			{
				displayName: 'Disable Login',
				name: 'disableLogin',
				type: 'boolean',
				default: false,
				description: 'Whether the user is prevented from signing in',
			},
			{
				displayName: 'Disable Password Reset',
				name: 'disablePasswordReset',
				type: 'boolean',
				default: false,
				description: 'Whether the user is prevented from resetting their password',
			},
			{
				displayName: 'Enable ReadSpeaker',
				name: 'enableReadSpeaker',
				type: 'boolean',
				default: false,
				description: 'Whether ReadSpeaker text-to-speech is on for the user (only if ReadSpeaker is enabled for the tenant)',
			},
			{
				displayName: 'Hierarchies',
				name: 'hierarchies',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Group',
				default: {},
				description: 'Groups (hierarchies) the user belongs to, with the rights they hold there',
				options: [
					{
						displayName: 'Group',
						name: 'group',
						values: [
							{
								displayName: 'Group External ID',
								name: 'externalId',
								type: 'string',
								default: '',
								required: true,
								description: "The group's External ID in Cirrus",
							},
							{
								displayName: 'Has Re-Scoring Permissions',
								name: 'hasReScoringPermissions',
								type: 'boolean',
								default: false,
								description: 'Whether the user may re-score in this group',
							},
							{
								displayName: 'Has View Reports Permissions',
								name: 'hasViewReportsPermissions',
								type: 'boolean',
								default: false,
								description: 'Whether the user may view reports of this group',
							},
							{
								displayName: 'Is Administrator',
								name: 'isAdministrator',
								type: 'boolean',
								default: false,
								description: 'Whether the user administers this group',
							},
							{
								displayName: 'Is Coordinator',
								name: 'isCoordinator',
								type: 'boolean',
								default: false,
								description: 'Whether the user coordinates this group',
							},
						],
					},
				],
			},
			{
				displayName: 'Labels',
				name: 'labels',
				type: 'string',
				typeOptions: { multipleValues: true },
				default: [],
				placeholder: 'cohort-2026',
				description: 'Free-text tags',
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Photo URL',
				name: 'photo',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/photo.jpg',
			},
			{
				displayName: 'Postal Address',
				name: 'postalAddress',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Postal Code',
				name: 'postalCode',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Reasonable Adjustment Percentage',
				name: 'reasonableAdjustmentPercentage',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 0 },
				default: 0,
				description: 'Extra exam time in percent (0–100). Setting it turns Special Needs on, which Cirrus requires for it.',
			},
			{
				displayName: 'Role',
				name: 'role',
				type: 'string',
				default: '',
				description: 'The title of an existing Cirrus role',
			},
			{
				displayName: 'Special Needs',
				name: 'specialNeeds',
				type: 'boolean',
				default: false,
				description: 'Whether the user gets extra exam time',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Username',
				name: 'userName',
				type: 'string',
				default: '',
				description: 'The login name',
			},
		],
	},
];

/** Create, Update and Create or Update: whether the output is the user as Cirrus holds it afterwards. */
export const readBackOption: INodeProperties = {
	displayName: 'Read Back User',
	name: 'readBack',
	type: 'boolean',
	default: true,
	description:
		'Whether to read the user from Cirrus after the change (one extra call), so the output has every field as Get returns it. Off: the output is the fields that were sent.',
};
