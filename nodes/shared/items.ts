import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { asItemError } from './errors';
import type { Run } from './run';

/** One item's work, after its parameters were read and checked and before any request. */
export interface PreparedItem {
	/** External IDs the item writes (a rename writes two); items sharing one are carried out in input order. */
	writes: readonly string[];
	/** One output for most operations; a list for those that return many (Get Many), possibly empty. */
	execute(): Promise<IDataObject | IDataObject[]>;
}

/**
 * Items that write the same external ID take turns, in input order: each waits for every earlier item
 * with one of its IDs. `after` must be called in input order. IDs are compared without case, so that
 * an API that ignores case never sees two writes for one user at once.
 */
class WriteOrder {
	private readonly lastByKey = new Map<string, Promise<void>>();

	async after<T>(ids: readonly string[], work: () => Promise<T>): Promise<T> {
		const keys = [...new Set(ids.map((id) => id.toLowerCase()))];
		const earlier = keys.map((key) => this.lastByKey.get(key)).filter((last) => last !== undefined);
		const result = earlier.length > 0 ? Promise.all(earlier).then(work) : work();
		const done = result.then(
			() => undefined,
			() => undefined,
		);
		for (const key of keys) this.lastByKey.set(key, done);
		void done.then(() => {
			for (const key of keys) if (this.lastByKey.get(key) === done) this.lastByKey.delete(key);
		});
		return await result;
	}
}

/**
 * Runs every input item, at most `run.concurrency` at a time, and returns the outputs in input order,
 * each paired with its input (one per input, or the list a handler returned). With Continue On Fail a
 * failed item becomes `{ json: { error }, error }`: json must hold nothing else for n8n to route it to
 * the error output. Without it, the failure of the lowest failing item is thrown after the items under
 * way have settled.
 */
export async function processItems(
	run: Run,
	prepare: (itemIndex: number) => PreparedItem,
): Promise<INodeExecutionData[]> {
	const { context, node } = run;
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
	const order = new WriteOrder();
	const results: Array<INodeExecutionData | INodeExecutionData[]> = new Array(itemCount);
	let nextIndex = 0;
	let firstFailure = undefined as { itemIndex: number; error: ReturnType<typeof asItemError> } | undefined;

	// A function, so that TypeScript does not narrow firstFailure to its initial value inside the worker.
	const stopped = (): boolean => firstFailure !== undefined;
	const worker = async (): Promise<void> => {
		while (nextIndex < itemCount && !stopped()) {
			const itemIndex = nextIndex++;
			try {
				// prepare() and order.after() run before this worker's first await, so items queue in input order.
				const item = prepare(itemIndex);
				const output = await order.after(item.writes, item.execute);
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

	const workerCount = Math.max(1, Math.min(run.concurrency, itemCount));
	await Promise.all(Array.from({ length: workerCount }, worker));
	if (firstFailure !== undefined) throw firstFailure.error;
	return results.flat();
}
