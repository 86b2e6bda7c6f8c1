import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../../../../nodes/shared/items';
import { maxConcurrentRequestsOption, readOption, requestTimeoutOption, retriesOption } from '../../../../../../nodes/shared/requestOptions';
import type { Run } from '../../../../../../nodes/shared/run';
import { dryRunOption, upsertResult } from '../../../../../../nodes/shared/userOperations';
import { buildCreateBody, createUser, findUser, putUser } from './common';
import { createFields } from './descriptions';
import { differingFields } from './userFields';

const properties: INodeProperties[] = [
	...createFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [dryRunOption, maxConcurrentRequestsOption, requestTimeoutOption, retriesOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['upsert'] } }, properties);

/**
 * Reads the user; creates it when missing; otherwise compares it with the given fields and, when one
 * differs, PUTs the whole user with the changes over its current values (fields left empty keep what
 * the LMS holds), or writes nothing ("unchanged"). Items with the same external ID take turns (the
 * router keeps their order), so that two of them never both find it missing and create it twice.
 * Dry Run reads and compares only.
 */
export function prepare(run: Run, itemIndex: number): PreparedItem {
	const body = buildCreateBody(run, itemIndex);
	const { externalId: _sameId, ...fields } = body;
	const externalId = body.externalId as string;
	const dryRun = readOption(run, itemIndex, 'dryRun', false);
	const execute = async () => {
		const current = await findUser(run, itemIndex, externalId);
		if (current === undefined) {
			return dryRun ? upsertResult(body, 'created', body, true) : upsertResult(await createUser(run, itemIndex, body), 'created', body, false);
		}
		const changes: IDataObject = Object.fromEntries(differingFields(fields, current).map((name) => [name, fields[name]]));
		if (Object.keys(changes).length === 0 || dryRun) {
			return upsertResult(current, Object.keys(changes).length === 0 ? 'unchanged' : 'updated', changes, dryRun);
		}
		return upsertResult(await putUser(run, itemIndex, externalId, changes, current), 'updated', changes, false);
	};
	return { writes: [externalId], execute };
}
