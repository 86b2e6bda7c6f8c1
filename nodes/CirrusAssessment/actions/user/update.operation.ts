import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import type { Run } from '../../../shared/run';
import { externalIdProperty, optionsCollection } from '../../../shared/userOperations';
import { invalidInput } from '../../../shared/validation';
import { buildUpdateBody, EXTERNAL_ID_EXAMPLE, patchUser, readBackOption, readBackWanted, readExternalId } from './common';
import { updateFields } from './userFields';

const properties: INodeProperties[] = [
	externalIdProperty('The current ID of the user to update', EXTERNAL_ID_EXAMPLE),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; everything else stays as it is in Cirrus',
		options: updateFields,
	},
	optionsCollection([{ ...readBackOption, displayName: 'Read Back Updated User' }]),
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
		execute: async () => await patchUser(run, itemIndex, externalId, body, readBack),
	};
}
