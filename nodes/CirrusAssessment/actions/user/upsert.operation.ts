import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../../shared/items';
import { maxConcurrentRequestsOption, readOption, requestTimeoutOption, retriesOption } from '../../../shared/requestOptions';
import type { Run } from '../../../shared/run';
import { dryRunOption, upsertResult } from '../../../shared/userOperations';
import { buildCreateBody, findUser, getUser, patchUser, postUser, readBackWanted } from './common';
import { createFields, readBackOption } from './descriptions';
import { differingFields } from './userFields';

const properties: INodeProperties[] = [
	...createFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		// Five or more options: n8n's lint wants them in alphabetical order.
		options: [dryRunOption, maxConcurrentRequestsOption, readBackOption, requestTimeoutOption, retriesOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['upsert'] } }, properties);

/**
 * Reads the user; creates it when missing; otherwise compares it with the wanted fields and PATCHes
 * only those that differ, or writes nothing when none does ("unchanged"). When Cirrus refuses the create
 * because the user is there after all (another run created it meanwhile), it updates that user. Dry Run
 * reads and compares only.
 */
export function prepare(run: Run, itemIndex: number): PreparedItem {
	const body = buildCreateBody(run, itemIndex);
	const externalId = body.ExternalId as string;
	const { ExternalId: _sameId, ...wanted } = body;
	const readBack = readBackWanted(run, itemIndex);
	const dryRun = readOption(run, itemIndex, 'dryRun', false);

	const update = async (current: IDataObject) => {
		const differing = differingFields(wanted, current);
		const changes = Object.fromEntries(differing.map((apiName) => [apiName, wanted[apiName]]));
		if (differing.length === 0 || dryRun) return upsertResult(current, differing.length === 0 ? 'unchanged' : 'updated', changes, dryRun);
		return upsertResult(await patchUser(run, itemIndex, externalId, changes, readBack), 'updated', changes, false);
	};

	const execute = async () => {
		const current = await findUser(run, itemIndex, externalId);
		if (current !== undefined) return await update(current);
		if (dryRun) return upsertResult(body, 'created', body, true);
		const { taken } = await postUser(run, itemIndex, body);
		if (taken !== undefined) return await update(taken);
		return upsertResult(readBack ? await getUser(run, itemIndex, externalId) : body, 'created', body, false);
	};
	return { writes: [externalId], execute };
}
