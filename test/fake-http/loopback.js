'use strict';
// The HTTP plumbing the fake API servers share (fake-cirrus, fake-kmi): loopback only, the body read
// whole, an optional latency, requests in flight counted, faults scripted per method and path (or drawn
// from a seed), and a stop() that also closes idle keep-alive sockets and pending timers so that no
// test leaves a handle open.
//
// The faults are those of a real API behind a real gateway, and none of them depends on what the node
// expects. Each fake passes its own `process` (carry the request out, return [status, body]) and the
// fault decides whether, when, and with what answer that happens:
// - '429': refused before processing, with Retry-After when the fault gives one;
// - '502', '503', '504': a gateway page, nothing carried out;
// - '500': a server error page, nothing carried out;
// - 'processThen502', 'processThen504': carried out, then the gateway answers 502 / 504 anyway;
// - 'processThenCut': carried out, then the connection is cut before any answer;
// - 'slowProcessing': carried out only after `delayMs`, then answered; a client that timed out
//   meanwhile never hears that it happened;
// - 'resetBeforeProcessing': the connection is cut before anything happens.
const http = require('http');

const FAULT_TYPES = [
	'429',
	'500',
	'502',
	'503',
	'504',
	'processThen502',
	'processThen504',
	'processThenCut',
	'slowProcessing',
	'resetBeforeProcessing',
];

function gatewayPage(status) {
	return `<html><head><title>${status} ${http.STATUS_CODES[status]}</title></head><body><center><h1>${status} ${http.STATUS_CODES[status]}</h1></center><hr><center>nginx</center></body></html>`;
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
 * Faults for one fake: a scripted list, consumed in order by the first request each matches (or counted
 * down while it has `times` left), and optional seeded random faults. `extraTypes` are the fake's own.
 */
function createFaults(extraTypes = []) {
	/** @type {Array<{ method?: string, pathIncludes?: string, type: string, times?: number, retryAfter?: string, delayMs?: number, status?: number, body?: unknown }>} */
	const scripted = [];
	/** @type {undefined | { rate: number, types: string[], methods?: string[], pathIncludes?: string, retryAfter?: string, delayMs?: number, random: () => number }} */
	let random;
	const served = { total: 0, byType: {} };
	return {
		scripted,
		served,
		/** Seeded random faults for requests matching `methods` / `pathIncludes` (all when absent); undefined turns them off. */
		setRandom(config) {
			if (config) {
				for (const type of config.types) {
					if (!FAULT_TYPES.includes(type) && !extraTypes.includes(type)) throw new Error(`unknown fault type ${type}`);
				}
			}
			random = config ? { ...config, random: seededRandom(config.seed ?? 1) } : undefined;
		},
		take(method, path) {
			const index = scripted.findIndex(
				(fault) => (!fault.method || fault.method === method) && (!fault.pathIncludes || path.includes(fault.pathIncludes)),
			);
			let fault;
			if (index >= 0) {
				fault = scripted[index];
				if (fault.times && fault.times > 1) fault.times -= 1;
				else scripted.splice(index, 1);
			} else if (
				random &&
				(!random.methods || random.methods.includes(method)) &&
				(!random.pathIncludes || path.includes(random.pathIncludes)) &&
				random.random() < random.rate
			) {
				const type = random.types[Math.floor(random.random() * random.types.length)];
				fault = { type, retryAfter: random.retryAfter, delayMs: random.delayMs };
			}
			if (fault) {
				served.total += 1;
				served.byType[fault.type] = (served.byType[fault.type] ?? 0) + 1;
			}
			return fault;
		},
		reset() {
			scripted.length = 0;
			random = undefined;
			served.total = 0;
			served.byType = {};
		},
	};
}

/**
 * @param {{
 *   port?: number,
 *   latencyMs?: number,
 *   counters: { inFlight: number, maxInFlight: number },
 *   onRequest: (req: import('http').IncomingMessage, res: import('http').ServerResponse, raw: string) => unknown,
 * }} options
 */
async function startLoopbackServer(options) {
	const { counters, onRequest } = options;
	const sockets = new Set();
	const timers = new Set();
	const wait = (ms) =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve(undefined);
			}, ms);
			timers.add(timer);
		});
	const server = http.createServer((req, res) => {
		counters.inFlight += 1;
		counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
		res.on('close', () => {
			counters.inFlight -= 1;
		});
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const latencyMs = options.latencyMs ?? 0;
			if (latencyMs > 0) await wait(latencyMs);
			try {
				await onRequest(req, res, raw);
			} catch (error) {
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'Content-Type': 'text/plain' });
					res.end(`fake server error: ${error.message}`);
				}
			}
		});
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', resolve);
	});
	const { port } = /** @type {import('net').AddressInfo} */ (server.address());
	const clearTimers = () => {
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
	};
	/** Resolves once no delayed work (latency, slow processing) is pending: a test then sees every late write. */
	const whenIdle = async (limitMs = 10_000) => {
		const deadline = Date.now() + limitMs;
		while (timers.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
	};
	return {
		port,
		wait,
		whenIdle,
		/** Drops work still waiting (latency, slow processing), so that it never lands in the next test's state. */
		clearTimers,
		async stop() {
			clearTimers();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

/**
 * Serves one request under a fault. `process` carries the request out and returns [status, body];
 * `send` writes an answer. Returns false when the fault is not one of the shared types (the fake
 * handles it itself).
 * @param {{ type: string, retryAfter?: string, delayMs?: number }} fault
 */
async function serveFault(fault, { req, res, process, send, wait, throttledBody }) {
	const retryAfter = fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {};
	switch (fault.type) {
		case '429':
			send(429, throttledBody, retryAfter);
			return true;
		case '500':
		case '502':
		case '503':
		case '504':
			send(Number(fault.type), gatewayPage(Number(fault.type)), retryAfter);
			return true;
		case 'processThen502':
		case 'processThen504':
			await process();
			send(fault.type === 'processThen502' ? 502 : 504, gatewayPage(fault.type === 'processThen502' ? 502 : 504));
			return true;
		case 'processThenCut':
			await process();
			req.socket.destroy();
			return true;
		case 'slowProcessing': {
			await wait(fault.delayMs ?? 1000);
			const [status, body] = await process();
			if (!res.destroyed && !res.writableEnded) send(status, body);
			return true;
		}
		case 'resetBeforeProcessing':
			req.socket.destroy();
			return true;
		default:
			return false;
	}
}

module.exports = { startLoopbackServer, createFaults, serveFault, seededRandom, FAULT_TYPES };
