'use strict';
// Both nodes as tools of an n8n AI Agent, in real n8n, with a fake OpenAI model (test/fake-openai/):
// Manual Trigger → AI Agent (v3) with OpenAI Chat Model (v1.3, Responses API, the credential's Base URL
// pointing at the fake) and the Cirrus and KMI tool variants, whose External ID comes from the model
// through $fromAI. What it proves, on each line:
// - n8n describes each tool to the model as "<operation action> in <node display name>", and the
//   $fromAI description is the parameter's description in the tool's schema;
// - the model's call reaches the fake API with the credential's auth, and the user it returns reaches
//   the model (its next request) and the agent's answer;
// - a user that does not exist reaches the model as { found: false } (When Not Found → Return Found:
//   False), or as the error text when the tool node's On Error is Continue;
// - with the tool node's On Error left at n8n's default, the tool's error ends the run on 1.x, while
//   2.x hands it to the model (only an explicit Stop Workflow ends the run there);
// - an Update field from $fromAI with a default is optional for the model, and left out it is not sent;
// - no token, key or secret appears in n8n's output or in what the model is sent.
const assert = require('assert/strict');

const { startFakeCirrus } = require('../../fake-cirrus/server');
const { startFakeKmi } = require('../../fake-kmi/server');
const { startFakeOpenAi, FINAL_PREFIX } = require('../../fake-openai/server');
const { nodeTypes } = require('../lib/packages');

const TOKEN = 'e2e-agent-token-5a6b7c8d9e';
const KMI_KEY = 'e2e0a9e1-5555-4666-8777-a88899990000';
const KMI_SECRET = 'e2e-agent-secret-3f2e1d';
const OPENAI_KEY = 'sk-e2e-agent-fake-key';
const SECRETS = { 'Cirrus token': TOKEN, 'KMI API key': KMI_KEY, 'KMI API secret': KMI_SECRET, 'OpenAI API key': OPENAI_KEY };

const CIRRUS_TOOL = 'Get a user by external ID in Cirrus Assessment';
const KMI_TOOL = 'Get a KMI user by external ID in KMI Learning';
const ID_DESCRIPTION = "The user's external ID, the ID your HR or LMS system gives them";
const FROM_AI = `={{ $fromAI('externalId', 'The user\\'s external ID, the ID your HR or LMS system gives them', 'string') }}`;
const PROMPT = 'What is the first name of the user with the external ID u-42?';

const CREDENTIALS = {
	cirrus: { cirrusAssessmentApi: { id: 'agentCirrusCred', name: 'Cirrus (agent)' } },
	kmi: { kmiLearningApi: { id: 'agentKmiCred', name: 'KMI (agent)' } },
	openAi: { openAiApi: { id: 'agentOpenAiCred', name: 'OpenAI (agent, fake)' } },
};

/** n8n's tool name for a node name (n8n-workflow's nodeNameToToolName). */
const toolName = (nodeName) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

/**
 * Manual Trigger → AI Agent, with the fake model and the given tool nodes (named as the editor names
 * them: "<action> in <node>").
 * @param {string} id
 * @param {Array<{ name: string, type: string, credentials: object, parameters?: object, onError?: string }>} tools
 *   parameters: over Get with the External ID from $fromAI
 */
function agentWorkflow(id, tools) {
	const nodes = [
		{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: `${id}-agent`,
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3,
			position: [250, 0],
			parameters: { promptType: 'define', text: PROMPT, options: {} },
		},
		{
			id: `${id}-model`,
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.3,
			position: [150, 250],
			parameters: { model: { __rl: true, mode: 'list', value: 'gpt-fake-e2e' }, options: {} },
			credentials: CREDENTIALS.openAi,
		},
	];
	const connections = {
		Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	tools.forEach((tool, index) => {
		nodes.push({
			id: `${id}-tool${index}`,
			name: tool.name,
			type: tool.type,
			typeVersion: 1,
			position: [350 + 200 * index, 250],
			parameters: { resource: 'user', operation: 'get', externalId: FROM_AI, options: {}, ...tool.parameters },
			credentials: tool.credentials,
			...(tool.onError ? { onError: tool.onError } : {}),
		});
		connections[tool.name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	});
	return { id, name: `E2E: ${id}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** The last run of a node in `n8n execute --rawOutput`'s run data (the agent runs again after each tool call). */
function lastTask(run, nodeName) {
	const runData = (run.data ?? run).resultData.runData;
	const tasks = runData[nodeName];
	if (!tasks || tasks.length === 0) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(runData).join(', ')}`);
	return tasks[tasks.length - 1];
}

function agentAnswer(run) {
	const task = lastTask(run, 'AI Agent');
	if (task.error !== undefined) throw new Error(`AI Agent failed: ${JSON.stringify(task.error).slice(0, 2000)}`);
	const items = task.data?.main?.[0] ?? [];
	assert.equal(items.length, 1, `AI Agent gave ${items.length} items`);
	return items[0].json.output;
}

module.exports = {
	name: 'agent',
	lines: ['1', '2'],
	async run({ folder, step }) {
		const types = nodeTypes();
		const cirrus = await startFakeCirrus({ token: TOKEN });
		const kmi = await startFakeKmi({ keys: { [KMI_KEY]: KMI_SECRET } });
		const model = await startFakeOpenAi({ pickTool: /cirrus/i, toolArguments: { externalId: 'u-42' } });
		const cirrusTool = { name: CIRRUS_TOOL, type: `${types.cirrusAssessment}Tool`, credentials: CREDENTIALS.cirrus };
		const kmiTool = { name: KMI_TOOL, type: `${types.kmiLearning}Tool`, credentials: CREDENTIALS.kmi };

		/** Runs a workflow with the model scripted to call `pick` with an external ID (or these arguments); checks no secret leaked. */
		async function runAgent(id, pick, externalIdOrArguments) {
			cirrus.state.requests.length = 0;
			kmi.state.requests.length = 0;
			model.reset();
			const toolArguments = typeof externalIdOrArguments === 'string' ? { externalId: externalIdOrArguments } : { externalId: 'u-42', ...externalIdOrArguments };
			model.configure({ pickTool: pick, toolArguments });
			const result = await folder.execute(id, { timeoutMs: 300_000 });
			const sentToModel = JSON.stringify(model.modelRequests().map((request) => request.body));
			for (const [what, secret] of Object.entries(SECRETS)) {
				assert.ok(!result.output.includes(secret), `${id}: the ${what} is in n8n's output`);
				assert.ok(!sentToModel.includes(secret), `${id}: the ${what} was sent to the model`);
			}
			assert.deepEqual(model.state.refused, [], `${id}: the fake model refused a request`);
			return result;
		}

		/** The model's requests of one run: the first offers tools and has no tool output, the second carries the output. */
		function twoTurns(id) {
			const requests = model.modelRequests();
			assert.equal(requests.length, 2, `${id}: ${requests.length} model requests (expected a tool call, then the answer)`);
			assert.ok(requests.every((request) => request.api === 'responses'), `${id}: not the Responses API: ${requests.map((request) => request.path).join(', ')}`);
			assert.deepEqual(model.toolOutputsOf(requests[0]), [], `${id}: the first request already carries tool output`);
			const outputs = model.toolOutputsOf(requests[1]);
			assert.equal(outputs.length, 1, `${id}: the second request carries ${outputs.length} tool outputs`);
			return outputs[0];
		}

		try {
			await step('import credentials and workflows', async () => {
				await folder.importCredentials([
					{ id: 'agentCirrusCred', name: 'Cirrus (agent)', type: 'cirrusAssessmentApi', data: { token: TOKEN, environment: 'custom', baseUrl: cirrus.baseUrl } },
					{ id: 'agentKmiCred', name: 'KMI (agent)', type: 'kmiLearningApi', data: { baseUrl: kmi.baseUrl, apiKey: KMI_KEY, apiSecret: KMI_SECRET } },
					{ id: 'agentOpenAiCred', name: 'OpenAI (agent, fake)', type: 'openAiApi', data: { apiKey: OPENAI_KEY, url: model.baseUrl } },
				]);
				await folder.importWorkflows([
					// Both tools as a user adds them: every setting at its default (When Not Found: fail, On Error unset).
					agentWorkflow('agentBoth', [cirrusTool, kmiTool]),
					agentWorkflow('agentFoundFalse', [{ ...cirrusTool, parameters: { options: { whenNotFound: 'foundFalse' } } }]),
					agentWorkflow('agentContinue', [{ ...cirrusTool, onError: 'continueRegularOutput' }]),
					agentWorkflow('agentStop', [{ ...cirrusTool, onError: 'stopWorkflow' }]),
					agentWorkflow('agentUpdate', [
						{
							...cirrusTool,
							name: 'Update a user by external ID in Cirrus Assessment',
							parameters: {
								operation: 'update',
								updateFields: {
									city: "={{ $fromAI('city', 'The new city; leave out to keep the current one', 'string', '') }}",
									email: "={{ $fromAI('email', 'The new email address; leave out to keep the current one', 'string', '') }}",
								},
							},
						},
					]),
				]);
			});

			await step('Cirrus tool: definitions, call, result to the model and the answer', async () => {
				cirrus.state.users.set('u-42', { ExternalId: 'u-42', FirstName: 'Ottoline', LastName: 'Quist', Email: 'ottoline@example.com' });
				const result = await runAgent('agentBoth', /cirrus/i, 'u-42');
				assert.equal(result.code, 0, `agentBoth (Cirrus) failed:\n${result.output.slice(-4000)}`);

				// The tools n8n offered the model: names from the node names, descriptions "<action> in <node>",
				// and the $fromAI parameter with its description.
				const tools = model.toolsOf();
				assert.deepEqual(tools.map((tool) => tool.name).sort(), [toolName(CIRRUS_TOOL), toolName(KMI_TOOL)].sort());
				const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
				assert.equal(byName[toolName(CIRRUS_TOOL)].description, 'Get a user by external ID in Cirrus Assessment');
				assert.equal(byName[toolName(KMI_TOOL)].description, 'Get a KMI user by external ID in KMI Learning');
				for (const tool of tools) {
					assert.deepEqual(Object.keys(tool.parameters.properties), ['externalId'], `${tool.name}: parameters`);
					assert.equal(tool.parameters.properties.externalId.type, 'string', `${tool.name}: externalId type`);
					assert.equal(tool.parameters.properties.externalId.description, ID_DESCRIPTION, `${tool.name}: externalId description`);
					assert.deepEqual(tool.parameters.required, ['externalId'], `${tool.name}: required`);
				}

				// The call reached Cirrus with the credential's auth, and nothing reached KMI.
				assert.deepEqual(model.state.toolCalls.map((call) => call.name), [toolName(CIRRUS_TOOL)]);
				assert.deepEqual(cirrus.state.requests.map((request) => `${request.method} ${request.path}`), ['GET /api/v1/integrations/user/u-42']);
				assert.equal(cirrus.state.requests[0].headers.authorization, `EAPI ${TOKEN}`);
				assert.deepEqual(kmi.state.requests, []);

				// The user reached the model, and the agent's answer.
				const output = twoTurns('agentBoth (Cirrus)');
				assert.match(output, /"FirstName":\s*"Ottoline"/, 'the tool output the model got');
				assert.match(output, /"ExternalId":\s*"u-42"/);
				const answer = agentAnswer(result.run);
				assert.ok(answer.startsWith(FINAL_PREFIX), `the agent's answer: ${answer}`);
				assert.ok(answer.includes(output), `the agent's answer does not quote the tool output:\n${answer}`);
			});

			await step('KMI tool: call with key and secret, result to the model and the answer', async () => {
				kmi.seedUser(KMI_KEY, { externalId: 'k-7', email: 'wilhelmina@example.com', firstName: 'Wilhelmina', lastName: 'Brandt', loginName: 'wbrandt' });
				const result = await runAgent('agentBoth', /kmi/i, 'k-7');
				assert.equal(result.code, 0, `agentBoth (KMI) failed:\n${result.output.slice(-4000)}`);
				assert.deepEqual(model.state.toolCalls.map((call) => call.name), [toolName(KMI_TOOL)]);
				assert.deepEqual(kmi.state.requests.map((request) => `${request.method} ${request.path}`), ['GET /api/v2/users/external_id/k-7/']);
				assert.equal(kmi.state.requests[0].headers['x-api-key'], KMI_KEY);
				assert.equal(kmi.state.requests[0].headers['x-api-secret'], KMI_SECRET);
				assert.deepEqual(cirrus.state.requests, []);
				const output = twoTurns('agentBoth (KMI)');
				assert.match(output, /"firstName":\s*"Wilhelmina"/);
				assert.ok(agentAnswer(result.run).includes(output), "the agent's answer does not quote the KMI tool output");
			});

			await step('not found, When Not Found = Return Found: False: the model learns it', async () => {
				const result = await runAgent('agentFoundFalse', /cirrus/i, 'u-404');
				assert.equal(result.code, 0, `agentFoundFalse failed:\n${result.output.slice(-4000)}`);
				assert.deepEqual(cirrus.state.requests.map((request) => `${request.method} ${request.path}`), ['GET /api/v1/integrations/user/u-404']);
				const output = twoTurns('agentFoundFalse');
				assert.match(output, /"found":\s*false/);
				assert.match(output, /"externalId":\s*"u-404"/);
				assert.ok(agentAnswer(result.run).includes(output));
			});

			await step('not found, default When Not Found, On Error = Continue: the model gets the error text', async () => {
				const result = await runAgent('agentContinue', /cirrus/i, 'u-404');
				assert.equal(result.code, 0, `agentContinue failed:\n${result.output.slice(-4000)}`);
				assert.deepEqual(cirrus.state.requests.map((request) => `${request.method} ${request.path}`), ['GET /api/v1/integrations/user/u-404']);
				const output = twoTurns('agentContinue');
				assert.ok(output.includes('no Cirrus user has the External ID \\"u-404\\"'), `the tool output the model got: ${output}`);
				assert.ok(agentAnswer(result.run).includes(output));
			});

			await step("not found, n8n's default On Error: 1.x ends the run, 2.x gives the model the error", async () => {
				const result = await runAgent('agentBoth', /cirrus/i, 'u-404');
				assert.deepEqual(cirrus.state.requests.map((request) => `${request.method} ${request.path}`), ['GET /api/v1/integrations/user/u-404']);
				if (folder.isV1) {
					// n8n 1.x: the tool's error ends the run; the model never sees it.
					assert.notEqual(result.code, 0, `agentBoth with a missing user succeeded on 1.x:\n${result.output.slice(-3000)}`);
					assert.match(result.output, /no Cirrus user has the External ID "u-404"/, 'the run does not say why it failed');
					assert.equal(model.modelRequests().length, 1, `model requests: ${model.modelRequests().length}`);
					assert.deepEqual(model.state.finalAnswers, []);
				} else {
					// n8n 2.x: a tool node's error goes back to the model unless its On Error is Stop Workflow
					// (set explicitly); the tool node's run is still marked as failed.
					assert.equal(result.code, 0, `agentBoth with a missing user failed on 2.x:\n${result.output.slice(-4000)}`);
					assert.notEqual(lastTask(result.run, CIRRUS_TOOL).error, undefined, 'the tool node is not marked as failed');
					const output = twoTurns('agentBoth (not found, 2.x)');
					assert.ok(output.includes('no Cirrus user has the External ID \\"u-404\\"'), `the tool output the model got: ${output}`);
					assert.ok(agentAnswer(result.run).includes(output));
				}
			});

			await step('not found, On Error = Stop Workflow (set explicitly): the run ends with the error', async () => {
				const result = await runAgent('agentStop', /cirrus/i, 'u-404');
				assert.notEqual(result.code, 0, `agentStop succeeded:\n${result.output.slice(-3000)}`);
				assert.match(result.output, /no Cirrus user has the External ID "u-404"/, 'the run does not say why it failed');
				assert.equal(model.modelRequests().length, 1, `model requests: ${model.modelRequests().length}`);
				assert.deepEqual(model.state.finalAnswers, []);
			});

			await step('Update tool: a $fromAI field with a default that the model leaves out is not sent', async () => {
				cirrus.state.users.set('u-42', { ExternalId: 'u-42', FirstName: 'Ottoline', LastName: 'Quist', Email: 'ottoline@example.com', City: 'Bergen' });
				const result = await runAgent('agentUpdate', /update/i, { city: 'Oslo' });
				assert.equal(result.code, 0, `agentUpdate failed:\n${result.output.slice(-4000)}`);
				const [tool] = model.toolsOf();
				assert.equal(tool.description, 'Update a user by external ID in Cirrus Assessment');
				// A $fromAI with a default is optional in the schema; left out, it gives its default, and an
				// empty Update field is not sent.
				assert.deepEqual(Object.keys(tool.parameters.properties), ['externalId', 'city', 'email']);
				assert.deepEqual(tool.parameters.required, ['externalId']);
				assert.equal(tool.parameters.properties.email.default, '');
				const patches = cirrus.state.requests.filter((request) => request.method === 'PATCH');
				assert.deepEqual(patches.map((request) => [request.path, request.body]), [['/api/v1/integrations/user/u-42', { City: 'Oslo' }]]);
				assert.equal(cirrus.state.users.get('u-42').Email, 'ottoline@example.com');
				const output = twoTurns('agentUpdate');
				assert.match(output, /"City":\s*"Oslo"/);
			});
		} finally {
			await model.stop();
			await cirrus.stop();
			await kmi.stop();
		}
	},
};
