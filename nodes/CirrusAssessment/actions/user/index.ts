import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteUser from './delete.operation';
import * as get from './get.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** Operation value → its fields and execute(). A new operation is a new file plus one line here. */
export const operations = { create, upsert, delete: deleteUser, get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a user with an external ID',
				action: 'Create a user',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a user',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Move a user to the Trash Can (soft delete, 30 days)',
				action: 'Delete a user',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a user by external ID',
				action: 'Get a user',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the given fields of a user, or rename their external ID',
				action: 'Update a user',
			},
		],
		default: 'get',
	},
	...create.description,
	...upsert.description,
	...deleteUser.description,
	...get.description,
	...update.description,
];
