import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { processItems } from './items';
import { readConcurrency } from './requestOptions';

/** What an `<operation>.operation.ts` exports besides its description: one item in, one or more out. */
export interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export type Resources = Record<string, Record<string, Operation>>;

/** Picks the operation from Resource and Operation and runs it over the input items. */
export async function routeToOperation(context: IExecuteFunctions, resources: Resources): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
	const operation =
		own(resources, resource) && own(resources[resource], operationName) ? resources[resource][operationName] : undefined;
	if (!operation) {
		throw new NodeOperationError(context.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const itemCount = context.getInputData().length;
	const output = await processItems(context, itemCount, readConcurrency(context), async (itemIndex) =>
		await operation.execute.call(context, itemIndex),
	);
	return [output];
}
