import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { processItems } from '../../shared/items';
import { readConcurrency } from '../../shared/requestOptions';
import { operations as userOperations } from './user';

const resources = { user: userOperations } as const;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const itemCount = this.getInputData().length;
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operations = resources[resource as keyof typeof resources] as Record<string, { execute: (this: IExecuteFunctions, itemIndex: number) => Promise<object> }> | undefined;
	const operation = operations?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const concurrency = readConcurrency(this);
	const output = await processItems(this, itemCount, concurrency, async (itemIndex) =>
		(await operation.execute.call(this, itemIndex)) as INodeExecutionData['json'],
	);
	return [output];
}
