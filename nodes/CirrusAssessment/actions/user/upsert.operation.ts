import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItemError } from '../../../shared/errors';
import { readRetryPolicy } from '../../../shared/requestOptions';
import { optionsCollection, UPSERT_RESULT_KEY } from '../../../shared/userOperations';
import { isExternalIdTaken, isNotFound } from '../../transport';
import { findUser } from './common';
import { buildCreateBody, createUser, description as createDescription, readBackOption } from './create.operation';
import { patchUser } from './update.operation';

const properties: INodeProperties[] = [
	...createDescription
		.filter((property) => property.name !== 'options')
		.map((property) => ({ ...property, displayOptions: undefined })),
	optionsCollection([readBackOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['upsert'] } }, properties);

/**
 * Reads the user; creates it when missing, otherwise PATCHes the given fields. A POST that finds the
 * ID already taken (another run created it meanwhile) falls back to the PATCH.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = buildCreateBody(this, itemIndex);
	const externalId = body.ExternalId as string;
	const { ExternalId: _sameId, ...changes } = body;
	const policy = readRetryPolicy(this);

	if ((await findUser(this, itemIndex, externalId, policy)) === undefined) {
		try {
			const created = await createUser(this, itemIndex, body);
			return { ...created, [UPSERT_RESULT_KEY]: 'created' };
		} catch (createError) {
			if (!isExternalIdTaken(createError)) throw asItemError(this.getNode(), createError, itemIndex);
			try {
				const updated = await patchUser(this, itemIndex, externalId, changes);
				return { ...updated, [UPSERT_RESULT_KEY]: 'updated' };
			} catch (patchError) {
				// Taken but not found: the ID belongs to a user in the Trash Can. The create error says why.
				const reported = isNotFound(patchError) ? createError : patchError;
				throw asItemError(this.getNode(), reported, itemIndex);
			}
		}
	}
	const updated = await patchUser(this, itemIndex, externalId, changes);
	return { ...updated, [UPSERT_RESULT_KEY]: 'updated' };
}
