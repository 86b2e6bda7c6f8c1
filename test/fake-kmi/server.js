'use strict';
// A fake KMI Learning LMS users API for tests and end-to-end runs: real HTTP on 127.0.0.1, users held
// per API key (the isolation ../shared/api/kmi.md describes: the same external ID under another key is
// another user), 401 for a wrong key or secret, 204 soft deletes, offset/limit paging with filters,
// and scripted faults. Where the docs are silent it takes the stricter reading: a PUT replaces the
// whole user (fields left out become "", custom fields left out are dropped), paths without their
// trailing slash are 404 (an HTML page), a list page may hold fewer users than asked (maxPageSize),
// external IDs are not checked for uniqueness. Plain JavaScript so that jest and the e2e runner load it unbuilt.
const { startLoopbackServer, createFaults, serveFault } = require('../fake-http/loopback');

const API_PREFIX = '/api/v2';
const REQUIRED = ['email', 'firstName', 'lastName', 'loginName'];
const OPTIONAL = ['address', 'address2', 'city', 'state', 'zip', 'country'];
/** Fields this LMS holds that the node has no field for: kept only when a write sends them. */
const OTHER_KNOWN = ['expirationDate', 'phone'];
const READ_ONLY = ['id', 'createdDate', 'updatedDate'];
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const NOT_FOUND = { detail: 'Not found.' };

/**
 * @param {{ keys?: Record<string, string>, latencyMs?: number, startTime?: string, maxPageSize?: number }} [options]
 *   keys: API key → secret; each key has its own users.
 *   maxPageSize: the most users one list page holds, whatever `limit` asks (an LMS's own cap).
 */
async function startFakeKmi(options = {}) {
	const keys = options.keys ?? { 'a3c1e7d2-0000-4000-8000-000000000001': 'kmi-secret-0123456789' };
	const startTime = Date.parse(options.startTime ?? '2026-11-01T00:00:00Z');
	const faults = createFaults(['answer']);
	const state = {
		/** API key → user records, in creation order: { user, deleted, groupIds }. */
		/** @type {Map<string, Array<{ user: Record<string, unknown>, deleted: boolean, groupIds: string[] }>>} */
		accounts: new Map(),
		/** @type {Array<{ method: string, url: string, path: string, query: Record<string, string>, headers: Record<string, unknown>, body: any }>} */
		requests: [],
		/** Scripted faults (test/fake-http/loopback.js types, and 'answer'), consumed in order by the first request each matches. */
		faults: faults.scripted,
		/** Users created, per external ID: KMI does not refuse a duplicate, so more than 1 means one was created twice. */
		/** @type {Map<string, number>} */
		createdById: new Map(),
		nextId: 1,
		/** The most users one list page holds (undefined: as many as asked). */
		maxPageSize: options.maxPageSize,
		/** The fake's clock: each write moves it on by one second, so dates are distinct and predictable. */
		now: startTime,
		inFlight: 0,
		maxInFlight: 0,
	};
	for (const key of Object.keys(keys)) state.accounts.set(key, []);

	function send(res, status, body, headers = {}) {
		if (status === 204) {
			res.writeHead(204, headers);
			return res.end();
		}
		const isText = typeof body === 'string';
		res.writeHead(status, { 'Content-Type': isText ? 'text/html' : 'application/json', ...headers });
		return res.end(isText ? body : JSON.stringify(body));
	}

	async function handle(req, res, raw) {
		const method = req.method ?? 'GET';
		const url = req.url ?? '/';
		const parsed = new URL(url, 'http://fake');
		const path = parsed.pathname;
		const query = Object.fromEntries(parsed.searchParams);
		let body;
		if (raw !== '') {
			try {
				body = JSON.parse(raw);
			} catch {
				return send(res, 400, { detail: 'JSON parse error' });
			}
		}
		state.requests.push({ method, url, path, query, headers: { ...req.headers }, body });

		const apiKey = req.headers['x-api-key'];
		if (typeof apiKey !== 'string' || !(apiKey in keys) || req.headers['x-api-secret'] !== keys[apiKey]) {
			return send(res, 401, { detail: 'Invalid API key or secret.' });
		}
		const fault = faults.take(method, path);
		if (fault) {
			const served = await serveFault(fault, {
				req,
				res,
				process: async () => route(apiKey, method, path, query, body),
				send: (status, answer, headers) => send(res, status, answer, headers),
				wait: server.wait,
				throttledBody: { detail: 'Request was throttled.' },
			});
			if (served) return undefined;
			// Any scripted answer, e.g. an error body shape the real API might use.
			if (fault.type === 'answer') return send(res, fault.status, fault.body);
			throw new Error(`unknown fault type ${fault.type}`);
		}
		const [status, answer] = route(apiKey, method, path, query, body);
		return send(res, status, answer);
	}

	function route(apiKey, method, path, query, body) {
		const records = state.accounts.get(apiKey);
		if (path === `${API_PREFIX}/users/`) {
			if (method === 'GET') return listUsers(records, query);
			if (method === 'POST') return createUser(records, body);
			return [405, { detail: `Method "${method}" not allowed.` }];
		}
		const match = /^\/api\/v2\/users\/external_id\/([^/]+)\/$/.exec(path);
		if (!match) return [404, '<html><body><h1>Not Found</h1></body></html>'];
		const externalId = decodeURIComponent(match[1]);
		const record = records.find((entry) => !entry.deleted && entry.user.externalId === externalId);
		if (!record) return [404, NOT_FOUND];
		switch (method) {
			case 'GET':
				return [200, structuredClone(record.user)];
			case 'PUT':
				return replaceUser(record, body);
			case 'DELETE':
				record.deleted = true;
				return [204, undefined];
			default:
				return [405, { detail: `Method "${method}" not allowed.` }];
		}
	}

	function tick() {
		state.now += 1000;
		return new Date(state.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
	}

	function fieldErrors(body, required) {
		const errors = {};
		if (!body || typeof body !== 'object' || Array.isArray(body)) return { non_field_errors: ['Invalid data.'] };
		for (const name of required) {
			if (typeof body[name] !== 'string' || body[name].trim() === '') errors[name] = ['This field is required.'];
		}
		if (typeof body.email === 'string' && body.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)) {
			errors.email = ['Enter a valid email address.'];
		}
		if (body.country !== undefined && body.country !== '' && !/^[A-Z]{2}$/.test(String(body.country))) {
			errors.country = [`"${body.country}" is not a valid choice.`];
		}
		if (body.state !== undefined && body.state !== '' && !/^[A-Z]{2}$/.test(String(body.state))) {
			errors.state = [`"${body.state}" is not a valid choice.`];
		}
		return Object.keys(errors).length > 0 ? errors : undefined;
	}

	/**
	 * A whole user from a create's or PUT's body: every field not sent is cleared (""), and fields the
	 * LMS knows beyond the documented ones (custom fields) are kept only if sent.
	 */
	function userFrom(body, id, createdDate, updatedDate) {
		const user = { id, externalId: typeof body.externalId === 'string' ? body.externalId : '' };
		for (const name of [...REQUIRED, ...OPTIONAL, ...OTHER_KNOWN]) user[name] = typeof body[name] === 'string' ? body[name] : '';
		for (const [name, value] of Object.entries(body)) {
			if (!(name in user) && !READ_ONLY.includes(name)) user[name] = value;
		}
		return { ...user, createdDate, updatedDate };
	}

	function createUser(records, body) {
		const errors = fieldErrors(body, REQUIRED);
		if (errors) return [400, errors];
		const now = tick();
		const user = userFrom(body, state.nextId++, now, now);
		records.push({ user, deleted: false, groupIds: [] });
		state.createdById.set(user.externalId, (state.createdById.get(user.externalId) ?? 0) + 1);
		return [201, structuredClone(user)];
	}

	function replaceUser(record, body) {
		const errors = fieldErrors(body, REQUIRED);
		if (errors) return [400, errors];
		record.user = userFrom(body, record.user.id, record.user.createdDate, tick());
		return [200, structuredClone(record.user)];
	}

	function listUsers(records, query) {
		const errors = {};
		const offset = query.offset === undefined ? 0 : Number(query.offset);
		const asked = query.limit === undefined ? 20 : Number(query.limit);
		const limit = state.maxPageSize === undefined ? asked : Math.min(asked, state.maxPageSize);
		if (!Number.isInteger(offset) || offset < 0) errors.offset = ['A valid integer is required.'];
		if (!Number.isInteger(limit) || limit < 1) errors.limit = ['A valid integer is required.'];
		for (const name of ['createdAfter', 'updatedAfter']) {
			if (query[name] !== undefined && !UTC_TIMESTAMP.test(query[name])) errors[name] = ['Enter a valid date/time.'];
		}
		if (Object.keys(errors).length > 0) return [400, errors];
		const matching = records.filter(
			(record) =>
				!record.deleted &&
				(query.createdAfter === undefined || record.user.createdDate > query.createdAfter) &&
				(query.updatedAfter === undefined || record.user.updatedDate > query.updatedAfter) &&
				(query.groupId === undefined || record.groupIds.includes(query.groupId)),
		);
		return [200, matching.slice(offset, offset + limit).map((record) => structuredClone(record.user))];
	}

	const server = await startLoopbackServer({ latencyMs: options.latencyMs, counters: state, onRequest: handle });
	const { port } = server;

	return {
		keys,
		port,
		/** What the credential's Base URL holds: the host only. */
		baseUrl: `http://127.0.0.1:${port}`,
		state,
		/** Live users under one key. */
		users(apiKey) {
			return state.accounts.get(apiKey).filter((record) => !record.deleted).map((record) => record.user);
		},
		deletedUsers(apiKey) {
			return state.accounts.get(apiKey).filter((record) => record.deleted).map((record) => record.user);
		},
		/** Adds a user under a key directly; dates default to the fake's clock. */
		seedUser(apiKey, fields, extra = {}) {
			const now = tick();
			const user = userFrom(fields, state.nextId++, extra.createdDate ?? now, extra.updatedDate ?? now);
			state.accounts.get(apiKey).push({ user, deleted: false, groupIds: extra.groupIds ?? [] });
			return structuredClone(user);
		},
		/** Seeded random faults (loopback.js types) for requests matching `methods` / `pathIncludes`; undefined turns them off. */
		setRandomFaults(config) {
			faults.setRandom(config);
		},
		/** Faults served since the last reset: in all, and per type. */
		faultsServed() {
			return { total: faults.served.total, byType: { ...faults.served.byType } };
		},
		/** Resolves once no slow request is still to be processed. */
		whenIdle: server.whenIdle,
		reset() {
			server.clearTimers();
			faults.reset();
			state.createdById.clear();
			for (const key of Object.keys(keys)) state.accounts.set(key, []);
			state.requests.length = 0;
			state.nextId = 1;
			state.maxPageSize = options.maxPageSize;
			state.now = startTime;
			state.maxInFlight = state.inFlight;
		},
		stop: server.stop,
	};
}

module.exports = { startFakeKmi, API_PREFIX };
