import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import { maxConcurrentRequestsOption, requestTimeoutOption, retriesOption } from '../../../shared/requestOptions';
import type { Run } from '../../../shared/run';
import { updateExisting } from '../../../shared/userOperations';
import { invalidInput } from '../../../shared/validation';
import { buildUpdateBody, patchUser, readBackWanted, readExternalId } from './common';
import { readBackOption } from './descriptions';

// Update Fields are the same fields as Create's, with the names, New External ID and Lists to Clear;
// their API names and limits are in userFields.ts.
const properties: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. EMP-10042',
		description: 'The current ID of the user to update',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; everything else stays as it is in Cirrus',
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
				description:
					"IP addresses the user may sign in from. What is sent replaces the user's whole list; an empty list is not sent (to empty it, use Lists to Clear).",
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
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
			},
			{
				displayName: 'Enable ReadSpeaker',
				name: 'enableReadSpeaker',
				type: 'boolean',
				default: false,
				description: 'Whether ReadSpeaker text-to-speech is on for the user (only if ReadSpeaker is enabled for the tenant)',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Hierarchies',
				name: 'hierarchies',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Group',
				default: {},
				description:
					"Groups (hierarchies) the user belongs to, with the rights they hold there. What is sent replaces all of the user's groups; no group is not sent (to remove them all, use Lists to Clear).",
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
				description:
					"Free-text tags. What is sent replaces all of the user's labels; an empty list is not sent (to empty it, use Lists to Clear).",
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Lists to Clear',
				name: 'listsToClear',
				type: 'multiOptions',
				options: [
					{ name: 'Allowed IP Addresses', value: 'allowedIpAddresses' },
					{ name: 'Hierarchies', value: 'hierarchies' },
					{ name: 'Labels', value: 'labels' },
				],
				default: [],
				description: 'Lists to empty in Cirrus: every allowed IP address, group or label of the user is removed',
			},
			{
				displayName: 'New External ID',
				name: 'newExternalId',
				type: 'string',
				default: '',
				description: 'Renames the user: their ID in Cirrus becomes this value',
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [readBackOption, maxConcurrentRequestsOption, requestTimeoutOption, retriesOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['update'] } }, properties);

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const externalId = readExternalId(run, itemIndex);
	const body = buildUpdateBody(run, itemIndex);
	if (Object.keys(body).length === 0) {
		throw invalidInput(run.node, itemIndex, 'Update Fields', 'has no field set: add at least one field to change');
	}
	const readBack = readBackWanted(run, itemIndex);
	const newId = body.ExternalId as string | undefined;
	return {
		// A rename writes both IDs: an earlier or later item for either waits its turn.
		writes: newId === undefined ? [externalId] : [externalId, newId],
		execute: async () => await updateExisting(run, itemIndex, externalId, () => patchUser(run, itemIndex, externalId, body, readBack)),
	};
}
