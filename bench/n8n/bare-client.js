#!/usr/bin/env node
'use strict';
// A reference for `npm run bench:n8n`: what a bare client reaches against the same fake Cirrus (20 ms,
// at most 10 in flight, in a process of its own as in the benchmark), without n8n. 1 000 POST /user
// (BENCH_N) by plain axios at 10 in flight, once with a new connection per request, as n8n's request
// helper opens them, and once with keep-alive. The benchmark's floor (requests × 20 ms / 10) ignores
// what a connection and the event loops cost; this shows how much of a row's ratio that is.
//   node bench/n8n/bare-client.js
//   node bench/n8n/bare-client.js --base <API base URL> [--keep-alive]
//     (for bench:n8n: one of the two runs against a fake it started, the result as one JSON line)
// Loopback only; the fake's process is stopped by its PID; every loop is bounded by BENCH_N.
const { fork } = require('child_process');
const http = require('http');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const LATENCY_MS = 20;
const MAX_IN_FLIGHT = 10;

/** The child process: the fake Cirrus, until the parent says stop. */
function serveFake() {
	const { startFakeCirrus } = require(path.join(REPO, 'test/fake-cirrus/server'));
	startFakeCirrus({ latencyMs: LATENCY_MS, maxInFlight: MAX_IN_FLIGHT, recordRequests: false, token: TOKEN }).then((fake) => {
		process.send({ port: fake.port });
		process.on('message', () => fake.stop().then(() => process.exit(0)));
	});
}

const axios = require('axios');
const N = Number(process.env.BENCH_N ?? 1000);
/** The fake's token: its own fake's, or the one bench:n8n's fake takes (BENCH_TOKEN). */
const TOKEN = process.env.BENCH_TOKEN ?? 'bare';

async function run(base, keepAlive, json) {
	const agent = new http.Agent({ keepAlive });
	const latencies = [];
	let next = 0;
	const started = Date.now();
	const worker = async () => {
		while (next < N) {
			const index = next++;
			const sent = Date.now();
			const answer = await axios.post(
				`${base}/user`,
				{ ExternalId: `BARE-${keepAlive ? 'K' : 'N'}-${index}`, FirstName: 'Bare', LastName: 'Client' },
				{ headers: { Authorization: `EAPI ${TOKEN}` }, httpAgent: agent, validateStatus: () => true, timeout: 30_000 },
			);
			if (answer.status !== 200) throw new Error(`POST ${index}: HTTP ${answer.status}`);
			latencies.push(Date.now() - sent);
		}
	};
	await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, worker));
	agent.destroy();
	latencies.sort((a, b) => a - b);
	const seconds = (Date.now() - started) / 1000;
	const floor = (N * LATENCY_MS) / MAX_IN_FLIGHT / 1000;
	const latency = { medianMs: latencies[Math.floor(N / 2)], p90Ms: latencies[Math.floor(N * 0.9)] };
	if (json) return { keepAlive, n: N, seconds, ...latency };
	console.log(
		`bare axios, ${keepAlive ? 'keep-alive' : 'a new connection per request'}: ${N} POSTs in ${seconds} s ` +
			`(${(seconds / floor).toFixed(2)}× the ${floor} s floor); latency median ${latencies[Math.floor(N / 2)]} ms, p90 ${latencies[Math.floor(N * 0.9)]} ms`,
	);
}

/** `--base <url> [--keep-alive]`: one run against a fake someone else started, as one JSON line on stdout. */
async function againstBase(base, keepAlive) {
	console.log(JSON.stringify(await run(base, keepAlive, true)));
}

async function main() {
	const fake = fork(__filename, ['--fake'], { stdio: 'inherit' });
	try {
		const { port } = await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('the fake did not start within 20 s')), 20_000);
			fake.once('message', (message) => {
				clearTimeout(timer);
				resolve(message);
			});
		});
		const base = `http://127.0.0.1:${port}/api/v1/integrations`;
		await run(base, false);
		await run(base, true);
	} finally {
		fake.send('stop');
		setTimeout(() => fake.kill('SIGKILL'), 5_000).unref();
	}
}

if (process.argv[2] === '--fake') {
	serveFake();
} else if (process.argv[2] === '--base') {
	againstBase(process.argv[3], process.argv[4] === '--keep-alive').catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
} else {
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
