import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from '../shared/router';
import { description as userDescription, operations as user } from './actions/user';
import { connectCirrus } from './transport';

// A programmatic node (execute()) rather than a declarative one: operations make more than one call
// (read-back, upsert, the GET that settles a POST of unknown outcome), and Cirrus can report a failure
// inside an HTTP 200 envelope, which routing rules cannot turn into a per-item error.
export class CirrusAssessment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cirrus Assessment',
		name: 'cirrusAssessment',
		icon: { light: 'file:cirrusAssessment.svg', dark: 'file:cirrusAssessment.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({ create: "Create user", upsert: "Create or update user", update: "Update user", delete: "Delete user", get: "Get user" })[$parameter["operation"]] }}',
		description: 'Get, create, update and delete Cirrus Assessment users by external ID',
		defaults: { name: 'Cirrus Assessment' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cirrusAssessmentApi', required: true }],
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
		return await route(this, connectCirrus, { user });
	}
}
