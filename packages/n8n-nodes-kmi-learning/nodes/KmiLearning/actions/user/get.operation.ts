import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../../../../nodes/shared/items';
import type { Run } from '../../../../../../nodes/shared/run';
import { maxConcurrentRequestsOption, requestTimeoutOption, retriesOption } from '../../../../../../nodes/shared/requestOptions';
import { getOrNotFound, whenNotFoundOption } from '../../../../../../nodes/shared/userOperations';
import { getUser, readExternalId } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ID10-05113',
		description: 'The ID of the user in your own system, as stored in the LMS under this API key',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [whenNotFoundOption, maxConcurrentRequestsOption, requestTimeoutOption, retriesOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const externalId = readExternalId(run, itemIndex);
	return {
		writes: [],
		execute: async () => await getOrNotFound(run, itemIndex, externalId, () => getUser(run, itemIndex, externalId)),
	};
}
