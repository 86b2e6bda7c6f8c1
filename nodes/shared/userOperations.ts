import type { IDataObject, INodeProperties, NodeApiError } from 'n8n-workflow';

import { asItemError, buildApiError, earlierAttemptMayHaveLanded, isNotFound } from './errors';
import { readOption } from './requestOptions';
import type { Run } from './run';

/** What both vendors' user operations share: the not-found options and their handling, the upsert result key. */

/** Create or Update's output key telling what it did: "created", "updated" or "unchanged". */
export const UPSERT_RESULT_KEY = '_operation';

/** Create or Update's option: read and compare only, write nothing. */
export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only report what would happen, with the fields that would change, and write nothing: to preview a sync against production',
};

/**
 * Create or Update's output: the user, what was done (`_operation`), and with Dry Run `_dryRun: true`
 * and `_changes`, the fields that would be written ({ field: new value }).
 */
export function upsertResult(
	user: IDataObject,
	operation: 'created' | 'updated' | 'unchanged',
	changes: IDataObject,
	dryRun: boolean,
): IDataObject {
	return dryRun ? { ...user, [UPSERT_RESULT_KEY]: operation, _dryRun: true, _changes: changes } : { ...user, [UPSERT_RESULT_KEY]: operation };
}

/** Get's option: what a user that does not exist gives. Read by getOrNotFound. */
export const whenNotFoundOption: INodeProperties = {
	displayName: 'When Not Found',
	name: 'whenNotFound',
	type: 'options',
	options: [
		{
			name: 'Fail the Item',
			value: 'fail',
			description: 'The item fails with a "not found" error',
		},
		{
			name: 'Return Found: False',
			value: 'foundFalse',
			description: 'The item is { found: false, externalId }, e.g. for an IF node or an AI agent',
		},
		{
			name: 'Return an Empty Item',
			value: 'empty',
			description: 'The item is {}',
		},
	],
	default: 'fail',
	description: 'What a user that does not exist gives',
};

/** Delete's option. Read by deleteByExternalId. */
export const succeedIfNotFoundOption: INodeProperties = {
	displayName: 'Succeed If Not Found',
	name: 'succeedIfNotFound',
	type: 'boolean',
	default: false,
	description:
		'Whether a user that does not exist gives { deleted: false, notFound: true } instead of an error, so re-running a deprovisioning workflow is harmless',
};

/** A vendor's "no such user" answer, restated with the ID, the vendor's own words, and what to do instead. */
export function userNotFoundError(run: Run, itemIndex: number, externalId: string, cause: unknown, hint: string): NodeApiError {
	const apiWords = cause instanceof Error ? cause.message : String(cause);
	return buildApiError(
		run.node,
		{
			message: `Item ${itemIndex + 1}: no ${run.api.name} user has the External ID "${externalId}". ${run.api.name} answered: ${apiWords}`,
			description: hint,
			httpCode: (cause as { httpCode?: string | null }).httpCode ?? undefined,
			itemIndex,
			notFound: true,
		},
		run.api.secrets,
	);
}

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

/** Get's execute: the user, or for a missing one what "When Not Found" asks: an error, { found: false }, or {}. */
export async function getOrNotFound(
	run: Run,
	itemIndex: number,
	externalId: string,
	read: () => Promise<IDataObject>,
): Promise<IDataObject> {
	try {
		return await read();
	} catch (error) {
		if (!isNotFound(error)) throw asItemError(run.node, error, itemIndex);
		const whenNotFound = readOption<string>(run, itemIndex, 'whenNotFound', 'fail');
		if (whenNotFound === 'foundFalse') return { found: false, externalId };
		if (whenNotFound === 'empty') return {};
		throw userNotFoundError(
			run,
			itemIndex,
			externalId,
			error,
			'To get { found: false, externalId } or an empty item instead of an error, set Options → When Not Found.',
		);
	}
}

/** Update's execute around the vendor's calls: a missing user's error names the ID and points to Create or Update. */
export async function updateExisting(
	run: Run,
	itemIndex: number,
	externalId: string,
	update: () => Promise<IDataObject>,
): Promise<IDataObject> {
	try {
		return await update();
	} catch (error) {
		if (!isNotFound(error)) throw asItemError(run.node, error, itemIndex);
		throw userNotFoundError(run, itemIndex, externalId, error, 'Update changes existing users only; Create or Update also creates missing ones.');
	}
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
			throw userNotFoundError(
				run,
				itemIndex,
				externalId,
				error,
				'To treat a user who is already gone as done, turn on Options → Succeed If Not Found.',
			);
		}
		throw asItemError(run.node, error, itemIndex);
	}
	return { deleted: true, externalId };
}
