import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import type { Run } from '../../../shared/run';
import {
	externalIdProperty,
	getOrEmpty,
	optionsCollection,
	returnEmptyIfNotFoundOption,
} from '../../../shared/userOperations';
import { EXTERNAL_ID_EXAMPLE, getUser, readExternalId } from './common';

const properties: INodeProperties[] = [
	externalIdProperty('The ID of the user in your own system, as stored in the LMS under this API key', EXTERNAL_ID_EXAMPLE),
	optionsCollection([returnEmptyIfNotFoundOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);

export function prepare(run: Run, itemIndex: number): PreparedItem {
	const externalId = readExternalId(run, itemIndex);
	return {
		writes: [],
		execute: async () => await getOrEmpty(run, itemIndex, () => getUser(run, itemIndex, externalId)),
	};
}
