'use strict';
// Workflows the suites build in code: Manual Trigger → the items → one node under test, whose failed
// items go to its error output.

/**
 * @param {string} id at most 21 characters
 * @param {{ type: string, credentials: object, parameters: object, items: object[], onError?: string }} underTest
 */
function itemsThroughNode(id, { type, credentials, parameters, items, onError = 'continueErrorOutput' }) {
	const node = (name, nodeType, position, extra) => ({ id: `${id}-${name}`, name, type: nodeType, typeVersion: 1, position, parameters: {}, ...extra });
	return {
		id,
		name: `E2E: ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', [0, 0]),
			node('Items', 'n8n-nodes-base.set', [200, 0], {
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} },
			}),
			node('One Item Each', 'n8n-nodes-base.splitOut', [400, 0], { parameters: { fieldToSplitOut: 'items', options: {} } }),
			node('Under Test', type, [600, 0], { parameters: { resource: 'user', ...parameters }, credentials, onError }),
			node('Succeeded', 'n8n-nodes-base.noOp', [850, -100]),
			node('Failed', 'n8n-nodes-base.noOp', [850, 100]),
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'One Item Each', type: 'main', index: 0 }]] },
			'One Item Each': { main: [[{ node: 'Under Test', type: 'main', index: 0 }]] },
			'Under Test': {
				main: [[{ node: 'Succeeded', type: 'main', index: 0 }], [{ node: 'Failed', type: 'main', index: 0 }]],
			},
		},
	};
}

module.exports = { itemsThroughNode };
