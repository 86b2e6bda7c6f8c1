import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PreparedItem } from './items';
import { processItems } from './items';
import type { Connect, Run } from './run';
import { startRun } from './run';

/** What an `<operation>.operation.ts` exports besides its description. */
export interface Operation {
	/** Reads and checks one item's parameters, sending nothing yet; a bad value fails the item here. */
	prepare(run: Run, itemIndex: number): PreparedItem;
}

export type Resources = Record<string, Record<string, Operation>>;

/**
 * The one router: picks the operation from Resource and Operation, reads the run's state once
 * (options, credential) and runs the operation over the input items.
 */
export async function route(
	context: IExecuteFunctions,
	connect: Connect,
	resources: Resources,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
	const operation =
		own(resources, resource) && own(resources[resource], operationName) ? resources[resource][operationName] : undefined;
	if (!operation) {
		throw new NodeOperationError(context.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const run = await startRun(context, connect);
	return [await processItems(run, (itemIndex) => operation.prepare(run, itemIndex))];
}
