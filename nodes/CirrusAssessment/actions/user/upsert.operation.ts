import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItemError } from '../../../shared/errors';
import type { PreparedItem } from '../../../shared/items';
import type { Run } from '../../../shared/run';
import { optionsCollection, UPSERT_RESULT_KEY } from '../../../shared/userOperations';
import { isRefusal } from '../../transport';
import { buildCreateBody, createUser, findUser, patchUser, readBackOption, readBackWanted } from './common';
import { createFields } from './create.operation';

const properties: INodeProperties[] = [...createFields, optionsCollection([readBackOption])];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['upsert'] } }, properties);

/**
 * Reads the user; creates it when missing, otherwise PATCHes the given fields. When Cirrus refuses the
 * create and the user exists by then (another run created it meanwhile, whatever words Cirrus uses
 * for that), it falls back to the PATCH.
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
		} catch (createError) {
			if (!isRefusal(createError) || (await findUser(run, itemIndex, externalId)) === undefined) {
				// Not there after a refusal: a validation error, or the ID belongs to a user in the Trash Can.
				throw asItemError(run.node, createError, itemIndex);
			}
			return await update();
		}
	};
	return { writes: [externalId], execute };
}
