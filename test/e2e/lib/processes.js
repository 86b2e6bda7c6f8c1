'use strict';
// Child processes and loopback HTTP for the e2e suites. Every process started here is tracked and
// stopped by its PID: on its own end, on exit, on failure and on SIGINT/SIGTERM. Every wait is bounded.
const { spawn } = require('child_process');
const http = require('http');
const net = require('net');
const path = require('path');

const COMMAND_TIMEOUT_MS = 180_000;

/** Every child process still running. */
const running = new Set();

function stopAll() {
	for (const child of running) {
		try {
			process.kill(child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	running.clear();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		stopAll();
		process.exit(130);
	});
}

/** Runs a command to completion (bounded by a timeout) and returns its exit code and output. */
function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		running.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const limitMs = options.timeoutMs ?? COMMAND_TIMEOUT_MS;
		const timer = setTimeout(() => {
			try {
				process.kill(child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
			reject(new Error(`${command} ${args.join(' ')}: no end after ${limitMs / 1000} s\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
		}, limitMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			running.delete(child);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			running.delete(child);
			resolve({ code, stdout, stderr });
		});
	});
}

async function mustRun(command, args, options) {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(`${path.basename(command)} ${args.join(' ')} exited ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
	}
	return result;
}

/**
 * A long-running process (a server) whose output is kept for error messages. stop() sends SIGTERM,
 * then SIGKILL after `graceMs`, and waits for the process to end.
 */
function startBackground(command, args, options = {}) {
	const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(child);
	const handle = { child, log: '' };
	child.stdout.on('data', (chunk) => (handle.log += chunk));
	child.stderr.on('data', (chunk) => (handle.log += chunk));
	const exited = new Promise((resolve) => child.on('close', resolve));
	handle.exited = () => child.exitCode !== null || child.signalCode !== null;
	handle.stop = async (graceMs = 20_000) => {
		if (!handle.exited()) {
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
			const timer = setTimeout(() => {
				try {
					process.kill(child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}, graceMs);
			await exited;
			clearTimeout(timer);
		}
		running.delete(child);
	};
	return handle;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

/** One HTTP request on loopback; the body is sent as JSON when given. */
function httpRequest(method, url, body, headers = {}, timeoutMs = 30_000) {
	return new Promise((resolve, reject) => {
		const options = { method, headers: { 'Content-Type': 'application/json', ...headers }, timeout: timeoutMs };
		const request = http.request(url, options, (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode, text, headers: response.headers }));
		});
		request.on('timeout', () => request.destroy(new Error(`timeout: ${method} ${url}`)));
		request.on('error', reject);
		if (body !== undefined) request.write(typeof body === 'string' ? body : JSON.stringify(body));
		request.end();
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `intervalMs` until it returns a truthy value, or fails after `limitMs` with `what`. */
async function waitFor(what, check, { limitMs = 120_000, intervalMs = 500 } = {}) {
	const deadline = Date.now() + limitMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${limitMs / 1000} s`);
		await sleep(intervalMs);
	}
}

module.exports = { run, mustRun, startBackground, stopAll, freePort, httpRequest, sleep, waitFor };
