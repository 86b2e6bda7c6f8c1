import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { asItemError, earlierAttemptMayHaveLanded, isNotFound } from './errors';
import { readOption, requestOptionFields } from './requestOptions';
import type { Run } from './run';

/** What both vendors' user operations share: the External ID field, the Options collection, not-found handling. */

/** Create or Update's output key telling which path it took: "created" or "updated". */
export const UPSERT_RESULT_KEY = '_operation';

export function externalIdProperty(description: string, example: string): INodeProperties {
	return {
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${example}`,
		description,
	};
}

/** An operation's "Options": the request options every operation has and its own, in alphabetical order. */
export function optionsCollection(operationOptions: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...requestOptionFields, ...operationOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export const returnEmptyIfNotFoundOption: INodeProperties = {
	displayName: 'Return Empty if Not Found',
	name: 'returnEmptyIfNotFound',
	type: 'boolean',
	default: false,
	description:
		'Whether a user that does not exist gives an empty item instead of an error, for "does this user exist?" branches',
};

export const succeedIfNotFoundOption: INodeProperties = {
	displayName: 'Succeed If Not Found',
	name: 'succeedIfNotFound',
	type: 'boolean',
	default: false,
	description:
		'Whether a user that does not exist gives { deleted: false, notFound: true } instead of an error, so re-running a deprovisioning workflow is harmless',
};

/** The read's result, or undefined when the vendor says there is no such user. */
export async function unlessNotFound<T>(
	run: Run,
	itemIndex: number,
	read: () => Promise<T>,
): Promise<T | undefined> {
	try {
		return await read();
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asItemError(run.node, error, itemIndex);
	}
}

/** Get's execute: the user, or `{}` for a missing one when "Return Empty if Not Found" is on. */
export async function getOrEmpty(
	run: Run,
	itemIndex: number,
	read: () => Promise<IDataObject>,
): Promise<IDataObject> {
	if (!readOption(run, itemIndex, 'returnEmptyIfNotFound', false)) return await read();
	return (await unlessNotFound(run, itemIndex, read)) ?? {};
}

/**
 * Delete's execute around the vendor's DELETE call: `{ deleted: true }`, or for a missing user an
 * error, or `{ deleted: false, notFound: true }` with "Succeed If Not Found".
 */
export async function deleteByExternalId(
	run: Run,
	itemIndex: number,
	externalId: string,
	sendDelete: () => Promise<unknown>,
): Promise<IDataObject> {
	try {
		await sendDelete();
	} catch (error) {
		if (isNotFound(error)) {
			// A repeat after a lost answer, a timeout or a 5xx finds the user gone because an earlier attempt deleted it.
			if (earlierAttemptMayHaveLanded(error)) return { deleted: true, externalId };
			if (readOption(run, itemIndex, 'succeedIfNotFound', false)) {
				return { deleted: false, notFound: true, externalId };
			}
		}
		throw asItemError(run.node, error, itemIndex);
	}
	return { deleted: true, externalId };
}
