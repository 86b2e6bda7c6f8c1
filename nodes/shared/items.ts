import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asItemError } from './errors';

/** One output for most operations; a list for those that return many (Get Many), possibly empty. */
export type ItemHandler = (itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * Runs one handler per input item, at most `concurrency` at a time, and returns the outputs in input
 * order, each paired with its input (one per input, or the list a handler returned). With Continue On Fail a failed item becomes
 * `{ json: { error }, error }`: json must hold nothing else for n8n to route it to the error output.
 * Without it, the failure of the lowest failing item is thrown after the items under way have settled.
 */
export async function processItems(
	context: IExecuteFunctions,
	itemCount: number,
	concurrency: number,
	handler: ItemHandler,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const results: Array<INodeExecutionData | INodeExecutionData[]> = new Array(itemCount);
	let nextIndex = 0;
	let firstFailure = undefined as { itemIndex: number; error: ReturnType<typeof asItemError> } | undefined;

	const stopped = (): boolean => firstFailure !== undefined;
	const worker = async (): Promise<void> => {
		while (nextIndex < itemCount && !stopped()) {
			const itemIndex = nextIndex++;
			try {
				const output = await handler(itemIndex);
				const pairedItem = { item: itemIndex };
				results[itemIndex] = Array.isArray(output)
					? output.map((json) => ({ json, pairedItem }))
					: { json: output, pairedItem };
			} catch (caught) {
				const error = asItemError(node, caught, itemIndex);
				if (continueOnFail) {
					results[itemIndex] = { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
				} else if (firstFailure === undefined || itemIndex < firstFailure.itemIndex) {
					firstFailure = { itemIndex, error };
				}
			}
		}
	};

	const workerCount = Math.max(1, Math.min(concurrency, itemCount));
	await Promise.all(Array.from({ length: workerCount }, worker));
	if (firstFailure !== undefined) throw firstFailure.error;
	return results.flat();
}
