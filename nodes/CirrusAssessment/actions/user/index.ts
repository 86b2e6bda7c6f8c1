import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteUser from './delete.operation';
import * as get from './get.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** Operation value → its fields and prepare(). A new operation is a new file plus one line here and one option below. */
export const operations = { create, upsert, delete: deleteUser, get, update };

// Each action says what an AI agent needs to know, since n8n gives a tool "<action> in Cirrus
// Assessment" as its description; tool names come from them too, so each stays short enough for a
// name of at most 64 characters. The KMI node's actions name "KMI", so the two nodes in one workflow
// get distinct names. n8n's lint allows plain sentence case only (no product name in mid-sentence).
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
				description: 'Create a user under an external ID that is not in use yet; fails if it is (Create or Update does not)',
				action: 'Create a user under a new external ID',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new user, or update the current one if it already exists (upsert)',
				action: 'Create or update a user by external ID',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Move a user to the Trash Can (soft delete: the external ID stays taken for 30 days)',
				action: 'Soft delete a user by external ID',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a user by the external ID your own system gives it',
				action: 'Get a user by external ID',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the given fields of a user, or give it a new external ID',
				action: 'Update a user by external ID',
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
