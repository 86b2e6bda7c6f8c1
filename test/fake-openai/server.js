'use strict';
// A fake OpenAI-compatible model server for end-to-end runs of an n8n AI Agent without the internet:
// real HTTP on 127.0.0.1, no model, a fixed script (../../../shared/e2e/n8n-headless.md, "An AI Agent
// without the internet"). It serves
// - POST /v1/responses (the Responses API, what n8n's OpenAI Chat Model 1.3 uses by default),
// - POST /v1/chat/completions (the same model with "Use Responses API" off),
// - GET /v1/models (the editor's model list; a run does not ask for it).
// The script, for each conversation: while the request carries no tool output, answer with one call of
// the tool that `pickTool` picks among the request's `tools`, with `toolArguments` as its JSON
// arguments; once it carries tool output, answer with a final assistant message that quotes every tool
// output verbatim. A conversation lives in its requests (the client resends the whole history), so the
// fake holds no state per conversation. Every request body is recorded, so that a test can read the
// tool definitions the client sent (names, descriptions, parameter schemas) and what reached the model.
// Streaming is refused (HTTP 400): n8n's Agent does not stream in `n8n execute`, and a fake that
// quietly streamed would hide a change. Plain JavaScript, like the other fakes.
const { startLoopbackServer } = require('../fake-http/loopback');

/** What the final answer starts with; the tool outputs follow it, each verbatim on its own line. */
const FINAL_PREFIX = 'The tool answered:';

/** A tool as the fake sees it, from either API's shape: { name, description, parameters }. */
function readTool(tool) {
	if (tool && tool.type === 'function' && tool.function) {
		return { name: tool.function.name, description: tool.function.description ?? '', parameters: tool.function.parameters };
	}
	return { name: tool?.name, description: tool?.description ?? '', parameters: tool?.parameters };
}

/** `pickTool` as given: a RegExp tried on name and description, or a predicate over readTool()'s shape. */
function toolPicker(pickTool) {
	if (typeof pickTool === 'function') return pickTool;
	const pattern = pickTool ?? /./;
	return (tool) => pattern.test(tool.name ?? '') || pattern.test(tool.description ?? '');
}

/** Tool outputs a request carries, in order, as the text the model would read. */
function toolOutputs(api, body) {
	const asText = (value) => (typeof value === 'string' ? value : JSON.stringify(value));
	if (api === 'responses') {
		const input = Array.isArray(body.input) ? body.input : [];
		return input.filter((entry) => entry && entry.type === 'function_call_output').map((entry) => ({ callId: entry.call_id, output: asText(entry.output) }));
	}
	const messages = Array.isArray(body.messages) ? body.messages : [];
	return messages
		.filter((message) => message && message.role === 'tool')
		.map((message) => ({
			callId: message.tool_call_id,
			output: Array.isArray(message.content) ? message.content.map((part) => part.text ?? asText(part)).join('') : asText(message.content),
		}));
}

/**
 * @param {{
 *   pickTool?: RegExp | ((tool: { name: string, description: string, parameters: any }) => boolean),
 *   toolArguments?: Record<string, unknown> | ((tool: { name: string, description: string, parameters: any }) => Record<string, unknown>),
 *   finalText?: (outputs: string[]) => string,
 *   port?: number,
 * }} [options]
 *   pickTool: which of the request's tools the first answer calls (default: the first one). A RegExp is
 *     tried on each tool's name and description.
 *   toolArguments: the call's arguments (default: {}). Names the tool's parameter schema does not
 *     declare are refused with HTTP 400, as a model only fills parameters it was given.
 *   finalText: the final answer (default: FINAL_PREFIX, then each tool output verbatim on its own line).
 * configure() changes them between runs.
 */
async function startFakeOpenAi(options = {}) {
	const script = { pickTool: options.pickTool, toolArguments: options.toolArguments ?? {}, finalText: options.finalText };
	const state = {
		/** @type {Array<{ method: string, path: string, api: 'responses' | 'chat' | 'models' | 'other', headers: Record<string, unknown>, body: any }>} */
		requests: [],
		/** Tool calls answered, in order: { api, name, arguments, callId }. */
		/** @type {Array<{ api: string, name: string, arguments: Record<string, unknown>, callId: string }>} */
		toolCalls: [],
		/** Final answers given, in order: { api, text, toolOutputs }. */
		/** @type {Array<{ api: string, text: string, toolOutputs: string[] }>} */
		finalAnswers: [],
		/** Requests refused (streaming, no tool matched, unknown arguments), with the reason. */
		/** @type {Array<{ path: string, reason: string }>} */
		refused: [],
		inFlight: 0,
		maxInFlight: 0,
	};
	let counter = 0;
	const nextId = (prefix) => `${prefix}_fake${String(++counter).padStart(6, '0')}`;

	function send(res, status, body) {
		res.writeHead(status, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(body));
	}
	function refuse(res, path, reason) {
		state.refused.push({ path, reason });
		send(res, 400, { error: { message: `fake OpenAI: ${reason}`, type: 'invalid_request_error', param: null, code: null } });
	}

	/** The scripted turn for a request: a tool call or the final text, or a reason to refuse it. */
	function decide(api, body) {
		const outputs = toolOutputs(api, body).map((entry) => entry.output);
		if (outputs.length > 0) {
			const text = script.finalText ? script.finalText(outputs) : [FINAL_PREFIX, ...outputs].join('\n');
			return { final: { text, toolOutputs: outputs } };
		}
		const tools = (Array.isArray(body.tools) ? body.tools : []).map(readTool);
		const pick = toolPicker(script.pickTool);
		const tool = tools.find((candidate) => pick(candidate));
		if (!tool) {
			return { refuse: `no tool in the request matches ${String(script.pickTool ?? 'any tool')}; tools: ${JSON.stringify(tools.map((entry) => entry.name))}` };
		}
		const args = typeof script.toolArguments === 'function' ? script.toolArguments(tool) : script.toolArguments;
		const declared = Object.keys(tool.parameters?.properties ?? {});
		const unknown = Object.keys(args).filter((name) => !declared.includes(name));
		if (unknown.length > 0) {
			return { refuse: `tool ${tool.name} declares no parameter ${unknown.join(', ')} (it declares: ${declared.join(', ') || 'none'})` };
		}
		return { call: { name: tool.name, arguments: args } };
	}

	function usage(api) {
		return api === 'responses'
			? { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 }
			: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
	}

	function responsesAnswer(body, turn) {
		const callId = turn.call ? nextId('call') : undefined;
		const output = turn.call
			? [{ type: 'function_call', id: nextId('fc'), call_id: callId, name: turn.call.name, arguments: JSON.stringify(turn.call.arguments), status: 'completed' }]
			: [{ type: 'message', id: nextId('msg'), role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: turn.final.text, annotations: [] }] }];
		return {
			callId,
			answer: {
				id: nextId('resp'),
				object: 'response',
				created_at: Math.floor(Date.now() / 1000),
				status: 'completed',
				error: null,
				incomplete_details: null,
				model: body.model ?? 'fake-model',
				output,
				parallel_tool_calls: true,
				tool_choice: body.tool_choice ?? 'auto',
				tools: body.tools ?? [],
				usage: usage('responses'),
			},
		};
	}

	function chatAnswer(body, turn) {
		const callId = turn.call ? nextId('call') : undefined;
		const message = turn.call
			? { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: turn.call.name, arguments: JSON.stringify(turn.call.arguments) } }] }
			: { role: 'assistant', content: turn.final.text };
		return {
			callId,
			answer: {
				id: nextId('chatcmpl'),
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model: body.model ?? 'fake-model',
				choices: [{ index: 0, message, logprobs: null, finish_reason: turn.call ? 'tool_calls' : 'stop' }],
				usage: usage('chat'),
			},
		};
	}

	async function handle(req, res, raw) {
		const method = req.method ?? 'GET';
		const path = (req.url ?? '/').split('?')[0];
		let body;
		if (raw !== '') {
			try {
				body = JSON.parse(raw);
			} catch {
				state.requests.push({ method, path, api: 'other', headers: { ...req.headers }, body: raw });
				return refuse(res, path, 'the request body is not JSON');
			}
		}
		const api = path === '/v1/responses' ? 'responses' : path === '/v1/chat/completions' ? 'chat' : path === '/v1/models' ? 'models' : 'other';
		state.requests.push({ method, path, api, headers: { ...req.headers }, body });

		if (api === 'models' && method === 'GET') {
			return send(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'fake' }] });
		}
		if ((api !== 'responses' && api !== 'chat') || method !== 'POST') {
			return send(res, 404, { error: { message: `fake OpenAI: no ${method} ${path}`, type: 'invalid_request_error', param: null, code: 'unknown_url' } });
		}
		if (!body || typeof body !== 'object') return refuse(res, path, 'the request has no JSON object body');
		if (body.stream === true) return refuse(res, path, 'streaming is not supported by this fake');

		const turn = decide(api, body);
		if (turn.refuse) return refuse(res, path, turn.refuse);
		const { callId, answer } = api === 'responses' ? responsesAnswer(body, turn) : chatAnswer(body, turn);
		if (turn.call) state.toolCalls.push({ api, name: turn.call.name, arguments: turn.call.arguments, callId });
		else state.finalAnswers.push({ api, text: turn.final.text, toolOutputs: turn.final.toolOutputs });
		return send(res, 200, answer);
	}

	const server = await startLoopbackServer({ port: options.port, counters: state, onRequest: handle });
	const origin = `http://127.0.0.1:${server.port}`;

	return {
		port: server.port,
		origin,
		/** What the `openAiApi` credential's Base URL (`url`) holds. */
		baseUrl: `${origin}/v1`,
		state,
		/** The model requests (Responses API and Chat Completions), in order. */
		modelRequests() {
			return state.requests.filter((request) => request.api === 'responses' || request.api === 'chat');
		},
		/** The tool definitions of a model request (default: the first), as { name, description, parameters }. */
		toolsOf(request = this.modelRequests()[0]) {
			return (Array.isArray(request?.body?.tools) ? request.body.tools : []).map(readTool);
		},
		/** Tool outputs a model request carried, as text. */
		toolOutputsOf(request) {
			return toolOutputs(request.api, request.body).map((entry) => entry.output);
		},
		/** Changes the script for the next requests: { pickTool, toolArguments, finalText }. */
		configure(changes) {
			Object.assign(script, changes);
		},
		reset() {
			state.requests.length = 0;
			state.toolCalls.length = 0;
			state.finalAnswers.length = 0;
			state.refused.length = 0;
			state.maxInFlight = state.inFlight;
		},
		stop: server.stop,
	};
}

module.exports = { startFakeOpenAi, FINAL_PREFIX };
