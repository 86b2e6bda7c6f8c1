import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRetryPolicy } from '../../../shared/requestOptions';
import {
	externalIdProperty,
	getOrEmpty,
	optionsCollection,
	returnEmptyIfNotFoundOption,
} from '../../../shared/userOperations';
import { isNotFound } from '../../transport';
import { EXTERNAL_ID_EXAMPLE, getUser, readExternalId } from './common';

const properties: INodeProperties[] = [
	externalIdProperty('The ID of the user in your own system (the "User ID" in Cirrus user management)', EXTERNAL_ID_EXAMPLE),
	optionsCollection([returnEmptyIfNotFoundOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const externalId = readExternalId(this, itemIndex);
	return await getOrEmpty(this, itemIndex, isNotFound, () => getUser(this, itemIndex, externalId, readRetryPolicy(this)));
}
