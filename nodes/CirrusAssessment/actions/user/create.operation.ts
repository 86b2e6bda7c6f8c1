import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import { maxConcurrentRequestsOption, requestTimeoutOption, retriesOption } from '../../../shared/requestOptions';
import type { Run } from '../../../shared/run';
import { buildCreateBody, createUser, readBackWanted } from './common';
import { createFields, readBackOption } from './descriptions';

const properties: INodeProperties[] = [
	...createFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [readBackOption, maxConcurrentRequestsOption, requestTimeoutOption, retriesOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['create'] } }, properties);

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const body = buildCreateBody(run, itemIndex);
	const readBack = readBackWanted(run, itemIndex);
	return { writes: [body.ExternalId as string], execute: async () => await createUser(run, itemIndex, body, readBack) };
}
