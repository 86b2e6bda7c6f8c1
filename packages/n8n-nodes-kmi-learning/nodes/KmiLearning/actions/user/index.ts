import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteUser from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** Operation value → its fields and prepare(). A new operation is a new file plus one line here and one option below. */
export const operations = { create, upsert, delete: deleteUser, get, getMany, update };

// Each action names KMI (so that Cirrus and KMI nodes in one workflow get distinct names) and says what
// an AI agent needs to know, since n8n gives a tool "<action> in KMI Learning" as its description;
// tool names come from them too, so each stays short enough for a name of at most 64 characters.
// n8n's lint allows plain sentence case only: all-caps words such as KMI and ID, no punctuation.
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
				action: 'Create a KMI user under a new external ID',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new user, or update the current one if it already exists (upsert)',
				action: 'Create or update a KMI user by external ID',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Mark a user as deleted (soft delete)',
				action: 'Soft delete a KMI user by external ID',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a user by the external ID your own system gives it',
				action: 'Get a KMI user by external ID',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List users, optionally only those created or changed after a moment or in a group',
				action: 'Get many KMI users or those changed since a date',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the given fields of a user',
				action: 'Update a KMI user by external ID',
			},
		],
		default: 'get',
	},
	...create.description,
	...upsert.description,
	...deleteUser.description,
	...get.description,
	...getMany.description,
	...update.description,
];
