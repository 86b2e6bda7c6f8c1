import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../../../../nodes/shared/items';
import type { Run } from '../../../../../../nodes/shared/run';
import { sendRequest } from '../../../../../../nodes/shared/transport';
import { maxConcurrentRequestsOption, requestTimeoutOption, retriesOption } from '../../../../../../nodes/shared/requestOptions';
import { deleteByExternalId, succeedIfNotFoundOption } from '../../../../../../nodes/shared/userOperations';
import { userPath } from '../../transport';
import { readExternalId } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'This is a soft delete: KMI Learning marks the account as deleted.',
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
		placeholder: 'e.g. ID10-05113',
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
