'use strict';
// A fake Cirrus Assessment External API for tests, end-to-end runs and the benchmark: real HTTP on
// 127.0.0.1, in-memory users and Trash Can, the documented envelope and error codes
// (../shared/api/cirrus.md), and the faults of test/fake-http/loopback.js. Where the docs are silent it
// is strict and does not echo what the node expects: a taken ExternalId is refused with a text of its
// own (the docs name no code for it), answers carry no content, and a rename to a taken ID is refused.
// Plain JavaScript so that jest, the e2e runner and the benchmark can all load it without a build step.
const { startLoopbackServer, createFaults, serveFault } = require('../fake-http/loopback');

const API_PREFIX = '/api/v1/integrations';
const CODE_UNKNOWN = 102;
const CODE_EMPTY_BODY = 100;
const CODE_USER_NOT_FOUND = 202;
/** Not documented: what this fake answers to a POST or a rename onto an ExternalId in use. */
const TAKEN_MESSAGE = 'The given user identifier is not unique';
const FIELD_LIMITS = {
	ExternalId: 64, FirstName: 500, LastName: 500, Email: 100, UserName: 50, Role: 500, Photo: 500,
	DateOfBirth: 10, Company: 100, CountryCode: 20, State: 50, City: 50, PostalCode: 50,
	PostalAddress: 500, AddressLine1: 500, AddressLine2: 500, PhoneNumber: 50, CellularPhone: 50,
};
/** Fields that GET adds to each hierarchy entry, as the docs say (read-only). */
const GROUP_TITLES = { title: 'Group', path: 'Root / Group' };

function envelope(content) {
	return { Success: true, Errors: null, Content: content };
}
function failure(code, text) {
	return { Success: false, Errors: text, ErrorDetails: [{ Code: code, Error: text }] };
}

/**
 * @param {{ token?: string, latencyMs?: number, port?: number, recordRequests?: boolean, maxInFlight?: number }} [options]
 *   maxInFlight: refuse requests beyond this many at once with 429 + Retry-After: 1 (a rate limit).
 */
async function startFakeCirrus(options = {}) {
	const token = options.token ?? 'test-token-0123456789';
	const recordRequests = options.recordRequests ?? true;
	const faults = createFaults(['raceCreate', 'success-false-200']);
	const state = {
		/** @type {Map<string, Record<string, unknown>>} */ users: new Map(),
		/** @type {Map<string, Record<string, unknown>>} */ trash: new Map(),
		/** POST /user requests received, per ExternalId in the body. */
		/** @type {Map<string, number>} */ postsById: new Map(),
		/** Users actually created, per ExternalId: more than 1 means a duplicate create landed. */
		/** @type {Map<string, number>} */ createdById: new Map(),
		/** IDs another run created just before this node's POST (the raceCreate fault). */
		/** @type {Set<string>} */ racedIds: new Set(),
		/** Renames carried out, as [from, to]. */
		/** @type {Array<[string, string]>} */ renames: [],
		/** @type {Array<{method: string, url: string, path: string, headers: Record<string, unknown>, body: any, receivedAt: number}>} */
		requests: [],
		requestCount: 0,
		/** Scripted faults, consumed in order by the first request each matches. */
		faults: faults.scripted,
		faultsServed: 0,
		inFlight: 0,
		maxInFlight: 0,
		/** Requests refused by the in-flight limit. */
		throttled: 0,
	};

	function send(res, status, body, headers = {}) {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': typeof body === 'string' ? 'text/html' : 'application/json; charset=utf-8',
			...headers,
		});
		res.end(text);
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
		if (options.maxInFlight !== undefined && state.inFlight > options.maxInFlight) {
			state.throttled += 1;
			return send(res, 429, 'Too Many Requests', { 'Retry-After': '1' });
		}

		const fault = faults.take(method, path);
		if (fault) {
			state.faultsServed += 1;
			const served = await serveFault(fault, {
				req,
				res,
				process: async () => route(method, path, body),
				send: (status, answer, headers) => send(res, status, answer, headers),
				wait: server.wait,
				throttledBody: 'Too Many Requests',
			});
			if (served) return undefined;
			switch (fault.type) {
				case 'raceCreate':
					// Another run creates the same user just before this POST is processed.
					if (body && typeof body.ExternalId === 'string' && !state.users.has(body.ExternalId)) {
						state.users.set(body.ExternalId, { ExternalId: body.ExternalId, FirstName: 'Other', LastName: 'Run' });
						state.racedIds.add(body.ExternalId);
						state.createdById.set(body.ExternalId, (state.createdById.get(body.ExternalId) ?? 0) + 1);
					}
					break;
				case 'success-false-200':
					return send(res, 200, failure(CODE_UNKNOWN, 'Unknown error'));
				default:
					throw new Error(`unknown fault type ${fault.type}`);
			}
		}
		const [status, answer] = route(method, path, body);
		return send(res, status, answer);
	}

	function route(method, path, body) {
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
				return [200, envelope({ User: asRead(user) })];
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

	/** A user as GET returns it: hierarchies carry the read-only group title and path. */
	function asRead(user) {
		const copy = structuredClone(user);
		if (Array.isArray(copy.Hierarchies)) {
			copy.Hierarchies = copy.Hierarchies.map((group) => ({
				...group,
				GroupTitle: `${GROUP_TITLES.title} ${group.ExternalId}`,
				GroupPath: `${GROUP_TITLES.path} ${group.ExternalId}`,
				GroupIsOrganization: false,
			}));
		}
		return copy;
	}

	function validateFields(fields) {
		for (const [name, limit] of Object.entries(FIELD_LIMITS)) {
			if (fields[name] !== undefined && typeof fields[name] !== 'string') return `${name} must be a string`;
			if (typeof fields[name] === 'string' && fields[name].length > limit) {
				return `${name} must be at most ${limit} characters`;
			}
		}
		for (const name of ['Labels', 'AllowedIpAddresses']) {
			if (fields[name] !== undefined && (!Array.isArray(fields[name]) || fields[name].some((entry) => typeof entry !== 'string'))) {
				return `${name} must be a list of strings`;
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
		state.createdById.set(externalId, (state.createdById.get(externalId) ?? 0) + 1);
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
			state.renames.push([externalId, newId]);
		}
		state.users.set(newId, merged);
		return [200, envelope(null)];
	}

	function snapshot() {
		return {
			users: Object.fromEntries(state.users),
			trash: Object.fromEntries(state.trash),
			postsById: Object.fromEntries(state.postsById),
			createdById: Object.fromEntries(state.createdById),
			renames: [...state.renames],
			requestCount: state.requestCount,
			faultsServed: { ...faults.served.byType },
			maxInFlight: state.maxInFlight,
			throttled: state.throttled,
		};
	}

	const server = await startLoopbackServer({
		port: options.port,
		latencyMs: options.latencyMs,
		counters: state,
		onRequest: handle,
	});

	return {
		token,
		port: server.port,
		origin: `http://127.0.0.1:${server.port}`,
		baseUrl: `http://127.0.0.1:${server.port}${API_PREFIX}`,
		state,
		snapshot,
		/** Seeded random faults (loopback.js types) for requests matching `methods` / `pathIncludes`; undefined turns them off. */
		setRandomFaults(config) {
			faults.setRandom(config);
		},
		/** Resolves once no slow request is still to be processed. */
		whenIdle: server.whenIdle,
		reset() {
			server.clearTimers();
			state.users.clear();
			state.trash.clear();
			state.postsById.clear();
			state.createdById.clear();
			state.renames.length = 0;
			state.racedIds.clear();
			state.requests.length = 0;
			faults.reset();
			state.requestCount = 0;
			state.faultsServed = 0;
			state.throttled = 0;
			state.maxInFlight = state.inFlight;
		},
		stop: server.stop,
	};
}

module.exports = { startFakeCirrus, API_PREFIX, TAKEN_MESSAGE, CODE_USER_NOT_FOUND, CODE_UNKNOWN };
