import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { oneAtATimePerKey } from '../../../shared/keyLock';
import { readRetryPolicy } from '../../../shared/requestOptions';
import { optionsCollection, UPSERT_RESULT_KEY } from '../../../shared/userOperations';
import { findUser } from './common';
import { buildCreateBody, createFieldProperties, createUser } from './create.operation';
import { putUser } from './update.operation';

const properties: INodeProperties[] = [
	...createFieldProperties,
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['upsert'] } }, properties);

/**
 * Reads the user; creates it when missing, otherwise updates it with the given fields over its
 * current values, so additional fields left empty keep what the LMS holds. Items with the same
 * external ID take turns, so that two of them never both find it missing and create it twice.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = buildCreateBody(this, itemIndex);
	const { externalId: _sameId, ...fields } = body;
	const externalId = body.externalId as string;
	return await oneAtATimePerKey(this, externalId, async () => {
		const current = await findUser(this, itemIndex, externalId, readRetryPolicy(this));
		if (current === undefined) {
			return { ...(await createUser(this, itemIndex, body)), [UPSERT_RESULT_KEY]: 'created' };
		}
		return { ...(await putUser(this, itemIndex, externalId, fields, current)), [UPSERT_RESULT_KEY]: 'updated' };
	});
}
