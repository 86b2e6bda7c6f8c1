'use strict';
// A fake Cirrus Assessment External API for tests, end-to-end runs and the benchmark: real HTTP on
// 127.0.0.1, in-memory users and Trash Can, the documented envelope and error codes
// (../shared/api/cirrus.md), and scripted or seeded fault injection. Plain JavaScript so that jest,
// the e2e runner and the benchmark can all load it without a build step.
const { startLoopbackServer, takeScriptedFault } = require('../fake-http/loopback');

const API_PREFIX = '/api/v1/integrations';
const CODE_UNKNOWN = 102;
const CODE_EMPTY_BODY = 100;
const CODE_USER_NOT_FOUND = 202;
/** Assumed (the docs name no code): what Cirrus answers to a POST for an ExternalId in use. */
const TAKEN_MESSAGE = 'User with this ExternalId already exists';
const FIELD_LIMITS = {
	ExternalId: 64, FirstName: 500, LastName: 500, Email: 100, UserName: 50, Role: 500, Photo: 500,
	DateOfBirth: 10, Company: 100, CountryCode: 20, State: 50, City: 50, PostalCode: 50,
	PostalAddress: 500, AddressLine1: 500, AddressLine2: 500, PhoneNumber: 50, CellularPhone: 50,
};

function envelope(content) {
	return { Success: true, Errors: null, Content: content };
}
function failure(code, text) {
	return { Success: false, Errors: text, ErrorDetails: [{ Code: code, Error: text }] };
}

/** Small deterministic PRNG (mulberry32) so that seeded fault runs repeat exactly. */
function seededRandom(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * @param {{ token?: string, latencyMs?: number, port?: number, recordRequests?: boolean }} [options]
 */
async function startFakeCirrus(options = {}) {
	const token = options.token ?? 'test-token-0123456789';
	const latencyMs = options.latencyMs ?? 0;
	const recordRequests = options.recordRequests ?? true;
	const state = {
		/** @type {Map<string, Record<string, unknown>>} */ users: new Map(),
		/** @type {Map<string, Record<string, unknown>>} */ trash: new Map(),
		/** @type {Map<string, number>} */ postsById: new Map(),
		/** @type {Array<{method: string, url: string, path: string, headers: Record<string, unknown>, body: any, receivedAt: number}>} */
		requests: [],
		requestCount: 0,
		/** Scripted faults, consumed in order by the first request each matches. */
		/** @type {Array<{method?: string, pathIncludes?: string, type: string, retryAfter?: string, delayMs?: number, times?: number}>} */
		faults: [],
		/** Seeded random faults: { rate, types, random }. */
		randomFaults: undefined,
		faultsServed: 0,
		inFlight: 0,
		maxInFlight: 0,
	};

	function send(res, status, body, headers = {}) {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': typeof body === 'string' ? 'text/html' : 'application/json; charset=utf-8',
			...headers,
		});
		res.end(text);
	}

	function takeFault(method, path) {
		const scripted = takeScriptedFault(state.faults, method, path);
		if (scripted) return scripted;
		const random = state.randomFaults;
		if (random && (!random.methods || random.methods.includes(method)) && random.random() < random.rate) {
			const type = random.types[Math.floor(random.random() * random.types.length)];
			return { type, retryAfter: random.retryAfter, delayMs: random.delayMs };
		}
		return undefined;
	}

	async function handle(req, res, raw) {
		const method = req.method ?? 'GET';
		const url = req.url ?? '/';
		const path = url.split('?')[0];

		if (path === '/__state') return send(res, 200, snapshot());

		let body;
		if (raw !== '') {
			try {
				body = JSON.parse(raw);
			} catch {
				return send(res, 400, failure(CODE_EMPTY_BODY, 'Request body is not valid JSON'));
			}
		}
		state.requestCount += 1;
		if (recordRequests) state.requests.push({ method, url, path, headers: { ...req.headers }, body, receivedAt: Date.now() });

		if (req.headers.authorization !== `EAPI ${token}`) {
			return send(res, 403, { Success: false, Errors: 'Not allowed to use external API' });
		}

		const fault = takeFault(method, path);
		if (fault) {
			state.faultsServed += 1;
			switch (fault.type) {
				case '429':
					return send(res, 429, 'Too Many Requests', fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {});
				case '502':
				case '503':
				case '504':
					return send(res, Number(fault.type), `<html><body><h1>${fault.type} Service Unavailable</h1></body></html>`, fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {});
				case '500':
					return send(res, 500, '<html><body>Internal Server Error</body></html>');
				case 'drop':
					// Connection dropped before the request was processed: nothing happened.
					return req.socket.destroy();
				case 'dropAfterProcessing':
					// Processed, then the connection dropped: the client cannot know the outcome.
					await route(method, path, body);
					return req.socket.destroy();
				case 'slow': {
					// Processed at once, answered late: a client that times out cannot know the outcome.
					const [status, answer] = await route(method, path, body);
					await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
					if (!res.destroyed) send(res, status, answer);
					return undefined;
				}
				case 'raceCreate':
					// Another run creates the same user just before this POST is processed.
					if (body && typeof body.ExternalId === 'string' && !state.users.has(body.ExternalId)) {
						state.users.set(body.ExternalId, { ExternalId: body.ExternalId, FirstName: 'Other', LastName: 'Run' });
					}
					break;
				case 'success-false-200':
					return send(res, 200, failure(CODE_UNKNOWN, 'Unknown error'));
				default:
					break;
			}
		}
		const [status, answer] = await route(method, path, body);
		return send(res, status, answer);
	}

	async function route(method, path, body) {
		if (!path.startsWith(`${API_PREFIX}/`)) return [404, '<html><body>Not Found</body></html>'];
		const rest = path.slice(API_PREFIX.length + 1);
		const segments = rest.split('/');
		if (segments[0] !== 'user') return [404, '<html><body>Not Found</body></html>'];

		if (segments.length === 1) {
			if (method !== 'POST') return [405, '<html><body>Method Not Allowed</body></html>'];
			return createUser(body);
		}
		if (segments.length !== 2 || segments[1] === '') return [404, '<html><body>Not Found</body></html>'];
		const externalId = decodeURIComponent(segments[1]);
		const user = state.users.get(externalId);
		switch (method) {
			case 'GET':
				if (!user) return [400, failure(CODE_USER_NOT_FOUND, 'User has not been found')];
				return [200, envelope({ User: structuredClone(user) })];
			case 'PATCH':
				return updateUser(externalId, body);
			case 'DELETE':
				if (!user) return [400, failure(CODE_USER_NOT_FOUND, 'User has not been found')];
				state.users.delete(externalId);
				state.trash.set(externalId, user);
				return [200, { Success: true, Errors: null }];
			default:
				return [405, '<html><body>Method Not Allowed</body></html>'];
		}
	}

	function validateFields(fields) {
		for (const [name, limit] of Object.entries(FIELD_LIMITS)) {
			if (typeof fields[name] === 'string' && fields[name].length > limit) {
				return `${name} must be at most ${limit} characters`;
			}
		}
		if (fields.DateOfBirth !== undefined && !/^\d{4}-?\d{2}-?\d{2}$/.test(String(fields.DateOfBirth))) {
			return 'DateOfBirth is not a valid date';
		}
		if ('SynchronizationKey' in fields) return 'SynchronizationKey is deprecated';
		return undefined;
	}

	function createUser(body) {
		if (!body || typeof body !== 'object') return [400, failure(CODE_EMPTY_BODY, 'Request body is empty')];
		const externalId = body.ExternalId;
		if (typeof externalId === 'string') state.postsById.set(externalId, (state.postsById.get(externalId) ?? 0) + 1);
		for (const required of ['ExternalId', 'FirstName', 'LastName']) {
			if (typeof body[required] !== 'string' || body[required].trim() === '') {
				return [400, failure(CODE_UNKNOWN, `${required} is required`)];
			}
		}
		const problem = validateFields(body);
		if (problem) return [400, failure(CODE_UNKNOWN, problem)];
		if (body.ReasonableAdjustmentPercentage !== undefined && body.SpecialNeeds !== true) {
			return [400, failure(CODE_UNKNOWN, 'ReasonableAdjustmentPercentage is only allowed when SpecialNeeds is true')];
		}
		if (state.users.has(externalId) || state.trash.has(externalId)) {
			return [400, failure(CODE_UNKNOWN, TAKEN_MESSAGE)];
		}
		state.users.set(externalId, structuredClone(body));
		return [200, envelope(null)];
	}

	function updateUser(externalId, body) {
		const user = state.users.get(externalId);
		if (!user) return [400, failure(CODE_USER_NOT_FOUND, 'User has not been found')];
		if (!body || typeof body !== 'object' || Object.keys(body).length === 0) {
			return [400, failure(CODE_EMPTY_BODY, 'Request body is empty')];
		}
		const problem = validateFields(body);
		if (problem) return [400, failure(CODE_UNKNOWN, problem)];
		const merged = { ...user, ...structuredClone(body) };
		if (merged.ReasonableAdjustmentPercentage !== undefined && merged.SpecialNeeds !== true) {
			return [400, failure(CODE_UNKNOWN, 'ReasonableAdjustmentPercentage is only allowed when SpecialNeeds is true')];
		}
		const newId = typeof body.ExternalId === 'string' ? body.ExternalId : externalId;
		if (newId !== externalId) {
			if (state.users.has(newId) || state.trash.has(newId)) return [400, failure(CODE_UNKNOWN, TAKEN_MESSAGE)];
			state.users.delete(externalId);
		}
		state.users.set(newId, merged);
		return [200, envelope(null)];
	}

	function snapshot() {
		return {
			users: Object.fromEntries(state.users),
			trash: Object.fromEntries(state.trash),
			postsById: Object.fromEntries(state.postsById),
			requestCount: state.requestCount,
		};
	}

	const { port, stop } = await startLoopbackServer({
		port: options.port,
		latencyMs,
		counters: state,
		onRequest: handle,
	});

	return {
		token,
		port,
		origin: `http://127.0.0.1:${port}`,
		baseUrl: `http://127.0.0.1:${port}${API_PREFIX}`,
		state,
		snapshot,
		/** Seeded random faults for every request matching `methods` (all when absent). */
		setRandomFaults(config) {
			state.randomFaults = config ? { ...config, random: seededRandom(config.seed ?? 1) } : undefined;
		},
		reset() {
			state.users.clear();
			state.trash.clear();
			state.postsById.clear();
			state.requests.length = 0;
			state.faults.length = 0;
			state.randomFaults = undefined;
			state.requestCount = 0;
			state.faultsServed = 0;
			state.maxInFlight = state.inFlight;
		},
		stop,
	};
}

module.exports = { startFakeCirrus, API_PREFIX, TAKEN_MESSAGE, CODE_USER_NOT_FOUND, CODE_UNKNOWN };
