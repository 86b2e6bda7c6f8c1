import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../../../../nodes/shared/items';
import type { Run } from '../../../../../../nodes/shared/run';
import { maxConcurrentRequestsOption, requestTimeoutOption, retriesOption } from '../../../../../../nodes/shared/requestOptions';
import { updateExisting } from '../../../../../../nodes/shared/userOperations';
import { invalidInput } from '../../../../../../nodes/shared/validation';
import { getUser, putUser, readExternalId } from './common';
import { toApiUserFields } from './userFields';

const properties: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ID10-05113',
		description: 'The ID of the user to update',
	},
	{
		displayName: 'Fields Not Given',
		name: 'fieldsNotGiven',
		type: 'options',
		options: [
			{
				name: 'Keep Current Values',
				value: 'keep',
				description:
					'Read the user first and send every field it holds (also those this node has no field for) under the fields set below (one extra call)',
			},
			{
				name: 'Send As Given',
				value: 'asGiven',
				description:
					'Send only the fields set below; the LMS clears the others. KMI requires Email, First Name, Last Name and Login Name in every update, so set all four.',
			},
		],
		default: 'keep',
		description: 'KMI Learning replaces the whole user on update: what to send for the fields you leave out',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
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
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. name@email.com',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Login Name',
				name: 'loginName',
				type: 'string',
				default: '',
				description: 'The name the user signs in to the LMS with',
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxConcurrentRequestsOption, requestTimeoutOption, retriesOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['update'] } }, properties);

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const externalId = readExternalId(run, itemIndex);
	const fields = toApiUserFields(run.node, itemIndex, run.context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	if (Object.keys(fields).length === 0) {
		throw invalidInput(run.node, itemIndex, 'Update Fields', 'has no field set: add at least one field to change');
	}
	const keepCurrent = run.context.getNodeParameter('fieldsNotGiven', itemIndex, 'keep') === 'keep';
	const execute = async () =>
		await updateExisting(run, itemIndex, externalId, async () => {
			const current = keepCurrent ? await getUser(run, itemIndex, externalId) : undefined;
			return await putUser(run, itemIndex, externalId, fields, current);
		});
	return { writes: [externalId], execute };
}
