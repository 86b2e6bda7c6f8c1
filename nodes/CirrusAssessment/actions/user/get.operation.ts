import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import { maxConcurrentRequestsOption, requestTimeoutOption, retriesOption } from '../../../shared/requestOptions';
import type { Run } from '../../../shared/run';
import { getOrNotFound, whenNotFoundOption } from '../../../shared/userOperations';
import { getUser, readExternalId } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. EMP-10042',
		description: 'The ID of the user in your own system (the "User ID" in Cirrus user management)',
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
