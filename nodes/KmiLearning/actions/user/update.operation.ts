import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import type { Run } from '../../../shared/run';
import { externalIdProperty, optionsCollection } from '../../../shared/userOperations';
import { invalidInput } from '../../../shared/validation';
import { EXTERNAL_ID_EXAMPLE, getUser, putUser, readExternalId } from './common';
import { toApiUserFields, updateFieldProperties } from './userFields';

const properties: INodeProperties[] = [
	externalIdProperty('The ID of the user to update', EXTERNAL_ID_EXAMPLE),
	{
		displayName: 'Fields Not Given',
		name: 'fieldsNotGiven',
		type: 'options',
		options: [
			{
				name: 'Keep Current Values',
				value: 'keep',
				description:
					'Read the user first and send its current values for every field not set below (one extra call)',
			},
			{
				name: 'Send As Given',
				value: 'asGiven',
				description:
					'Send only the fields set below. KMI requires Email, First Name, Last Name and Login Name in every update, so set all four.',
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
		options: updateFieldProperties,
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['update'] } }, properties);

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const externalId = readExternalId(run, itemIndex);
	const fields = toApiUserFields(run.node, itemIndex, run.context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	if (Object.keys(fields).length === 0) {
		throw invalidInput(run.node, itemIndex, 'Update Fields', 'has no field set: add at least one field to change');
	}
	const keepCurrent = run.context.getNodeParameter('fieldsNotGiven', itemIndex, 'keep') === 'keep';
	const execute = async () => {
		const current = keepCurrent ? await getUser(run, itemIndex, externalId) : undefined;
		return await putUser(run, itemIndex, externalId, fields, current);
	};
	return { writes: [externalId], execute };
}
