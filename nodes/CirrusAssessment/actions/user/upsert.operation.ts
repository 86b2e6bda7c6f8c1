import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItemError } from '../../../shared/errors';
import type { PreparedItem } from '../../../shared/items';
import { maxConcurrentRequestsOption, requestTimeoutOption, retriesOption } from '../../../shared/requestOptions';
import type { Run } from '../../../shared/run';
import { UPSERT_RESULT_KEY } from '../../../shared/userOperations';
import { buildCreateBody, createUser, findUser, isUserExists, patchUser, readBackWanted } from './common';
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

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['upsert'] } }, properties);

/**
 * Reads the user; creates it when missing, otherwise PATCHes the given fields. When the create finds
 * the user there after all (another run created it meanwhile), it falls back to the PATCH.
 */
export function prepare(run: Run, itemIndex: number): PreparedItem {
	const body = buildCreateBody(run, itemIndex);
	const externalId = body.ExternalId as string;
	const { ExternalId: _sameId, ...changes } = body;
	const readBack = readBackWanted(run, itemIndex);
	const update = async () => ({ ...(await patchUser(run, itemIndex, externalId, changes, readBack)), [UPSERT_RESULT_KEY]: 'updated' });

	const execute = async () => {
		if ((await findUser(run, itemIndex, externalId)) !== undefined) return await update();
		try {
			return { ...(await createUser(run, itemIndex, body, readBack)), [UPSERT_RESULT_KEY]: 'created' };
		} catch (error) {
			if (isUserExists(error)) return await update();
			throw asItemError(run.node, error, itemIndex);
		}
	};
	return { writes: [externalId], execute };
}
