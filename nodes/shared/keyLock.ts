import type { IExecuteFunctions } from 'n8n-workflow';

/** Per run and key, a promise that settles (never rejects) when the last work queued there is done. */
const tailsByRun = new WeakMap<IExecuteFunctions, Map<string, Promise<void>>>();

/**
 * Runs `work` after every earlier work of this run under the same key has settled. Items with the
 * same external ID then never check-and-create at the same time under Max Concurrent Requests, which
 * matters where the API itself does not refuse a second user with that ID (KMI Learning).
 */
export async function oneAtATimePerKey<T>(context: IExecuteFunctions, key: string, work: () => Promise<T>): Promise<T> {
	let tails = tailsByRun.get(context);
	if (!tails) {
		tails = new Map();
		tailsByRun.set(context, tails);
	}
	const previous = tails.get(key) ?? Promise.resolve();
	const current = previous.then(work);
	const settled = current.then(
		() => undefined,
		() => undefined,
	);
	tails.set(key, settled);
	try {
		return await current;
	} finally {
		if (tails.get(key) === settled) tails.delete(key);
	}
}
