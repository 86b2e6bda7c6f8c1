import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import type { Run } from '../../../shared/run';
import { externalIdProperty, optionsCollection } from '../../../shared/userOperations';
import { buildCreateBody, createUser, EXTERNAL_ID_EXAMPLE, readBackOption, readBackWanted } from './common';
import { createAdditionalFields } from './userFields';

export const createFields: INodeProperties[] = [
	externalIdProperty('The ID of the user in your own system; it becomes the "User ID" in Cirrus', EXTERNAL_ID_EXAMPLE),
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
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: createAdditionalFields,
	},
];

const properties: INodeProperties[] = [
	...createFields,
	optionsCollection([{ ...readBackOption, displayName: 'Read Back Created User' }]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['create'] } }, properties);

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const body = buildCreateBody(run, itemIndex);
	const readBack = readBackWanted(run, itemIndex);
	return { writes: [body.ExternalId as string], execute: async () => await createUser(run, itemIndex, body, readBack) };
}
