import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../../../../nodes/shared/items';
import type { Run } from '../../../../../../nodes/shared/run';
import { maxConcurrentRequestsOption, requestTimeoutOption, retriesOption } from '../../../../../../nodes/shared/requestOptions';
import { UPSERT_RESULT_KEY } from '../../../../../../nodes/shared/userOperations';
import { buildCreateBody, createUser, findUser, putUser } from './common';
import { createFields } from './descriptions';

const properties: INodeProperties[] = [
	...createFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxConcurrentRequestsOption, requestTimeoutOption, retriesOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['upsert'] } }, properties);

/**
 * Reads the user; creates it when missing, otherwise updates it with the given fields over its
 * current values, so additional fields left empty keep what the LMS holds. Items with the same
 * external ID take turns (the router keeps their order), so that two of them never both find it
 * missing and create it twice.
 */
export function prepare(run: Run, itemIndex: number): PreparedItem {
	const body = buildCreateBody(run, itemIndex);
	const { externalId: _sameId, ...fields } = body;
	const externalId = body.externalId as string;
	const execute = async () => {
		const current = await findUser(run, itemIndex, externalId);
		if (current === undefined) {
			return { ...(await createUser(run, itemIndex, body)), [UPSERT_RESULT_KEY]: 'created' };
		}
		return { ...(await putUser(run, itemIndex, externalId, fields, current)), [UPSERT_RESULT_KEY]: 'updated' };
	};
	return { writes: [externalId], execute };
}
