'use strict';
// The HTTP plumbing the fake API servers share (fake-cirrus, fake-kmi): loopback only, the body read
// whole, an optional latency, requests in flight counted, scripted faults taken in order, and a stop()
// that also closes idle keep-alive sockets so that no test leaves a handle open.
const http = require('http');

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
	const latencyMs = options.latencyMs ?? 0;
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		counters.inFlight += 1;
		counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
		res.on('close', () => {
			counters.inFlight -= 1;
		});
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const respond = () =>
				Promise.resolve()
					.then(() => onRequest(req, res, raw))
					.catch((error) => {
						res.writeHead(500, { 'Content-Type': 'text/plain' });
						res.end(`fake server error: ${error.message}`);
					});
			if (latencyMs > 0) setTimeout(respond, latencyMs);
			else respond();
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
	return {
		port,
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

/**
 * The first scripted fault matching the request, taken off the list (or counted down when it has
 * `times` left).
 * @param {Array<{ method?: string, pathIncludes?: string, times?: number }>} faults
 */
function takeScriptedFault(faults, method, path) {
	const index = faults.findIndex(
		(fault) => (!fault.method || fault.method === method) && (!fault.pathIncludes || path.includes(fault.pathIncludes)),
	);
	if (index < 0) return undefined;
	const fault = faults[index];
	if (fault.times && fault.times > 1) fault.times -= 1;
	else faults.splice(index, 1);
	return fault;
}

module.exports = { startLoopbackServer, takeScriptedFault };
