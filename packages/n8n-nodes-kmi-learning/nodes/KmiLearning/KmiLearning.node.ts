import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from '../../../../nodes/shared/router';
import { description as userDescription, operations as user } from './actions/user';
import { connectKmi } from './transport';

// Programmatic like the Cirrus node, and for the same reasons: Update reads before it writes, Create
// or Update chooses between two calls, and Get Many pages until a short page.
export class KmiLearning implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KMI Learning',
		name: 'kmiLearning',
		icon: { light: 'file:kmiLearning.svg', dark: 'file:kmiLearning.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({ create: "Create user", upsert: "Create or update user", update: "Update user", delete: "Delete user", get: "Get user", getMany: "Get many users" })[$parameter["operation"]] }}',
		description: 'Get, list, create, update and delete KMI Learning LMS users by external ID',
		defaults: { name: 'KMI Learning' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kmiLearningApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'User', value: 'user' }],
				default: 'user',
			},
			...userDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, connectKmi, { user });
	}
}
