import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import { maxConcurrentRequestsOption, requestTimeoutOption, retriesOption } from '../../../shared/requestOptions';
import type { Run } from '../../../shared/run';
import { sendRequest } from '../../../shared/transport';
import { deleteByExternalId, succeedIfNotFoundOption } from '../../../shared/userOperations';
import { userPath } from '../../transport';
import { readExternalId } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			'This is a soft delete: the user goes to the Cirrus Trash Can for 30 days, and the same External ID cannot be created again until an administrator restores or purges the user.',
		name: 'softDeleteNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. EMP-10042',
		description: 'The ID of the user to delete',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [succeedIfNotFoundOption, maxConcurrentRequestsOption, requestTimeoutOption, retriesOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['delete'] } }, properties);

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const externalId = readExternalId(run, itemIndex);
	return {
		writes: [externalId],
		execute: async () =>
			await deleteByExternalId(run, itemIndex, externalId, () =>
				sendRequest(run, { method: 'DELETE', path: userPath(externalId), itemIndex }),
			),
	};
}
