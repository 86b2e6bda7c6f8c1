'use strict';
// Throwaway Redis and PostgreSQL for the queue-mode suite: each on 127.0.0.1, on a free port, with a data
// folder of its own that is removed when it stops, started and stopped by PID (lib/processes.js tracks
// every process, so a failed run's stopAll() ends them too).
// - Redis: Debian's `redis-server`, installed with apt-get when missing (CI machines do not have it).
// - PostgreSQL: the machine's PostgreSQL 15 binaries. initdb and postgres refuse to run as root, so as
//   root they run as the `postgres` user through `setpriv`, which execs (no wrapper process): the PID
//   tracked is the postmaster's own, and a SIGKILL from stopAll() reaches it.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { freePort, mustRun, run, startBackground, waitFor } = require('./processes');

const PG_BIN = process.env.E2E_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const START_ATTEMPTS = 3;

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function which(command) {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin', '/bin', '/sbin'])) {
		const file = path.join(dir, command);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			// not here
		}
	}
	return undefined;
}

/**
 * Starts a server on a fresh free port, retrying with another port when someone else took it between
 * freePort() and the bind (the machine is shared). `launch(port)` returns a startBackground handle;
 * `isReady(log)` tells when it serves.
 */
async function startOnFreePort(what, launch, isReady, limitMs) {
	let lastError;
	for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
		const port = await freePort();
		const handle = launch(port);
		try {
			await waitFor(`${what} on port ${port}`, () => {
				if (handle.exited()) throw new Error(`${what} exited:\n${handle.log.slice(-3000)}`);
				return isReady(handle.log);
			}, { limitMs, intervalMs: 200 });
			return { port, handle };
		} catch (error) {
			await handle.stop(5_000);
			lastError = error;
			if (!/address already in use|could not bind/i.test(handle.log)) throw error;
		}
	}
	throw lastError;
}

/** Path of `redis-server`, installing Debian's package when it is missing. */
async function ensureRedisServer() {
	const found = which('redis-server');
	if (found) return found;
	const sudo = isRoot() ? [] : ['sudo', '-n'];
	const apt = async (args) =>
		await run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			timeoutMs: 600_000,
		});
	const install = ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', 'redis-server'];
	let result = await apt(install);
	if (result.code !== 0) {
		// A fresh machine may have no package lists yet.
		await apt(['-o', 'DPkg::Lock::Timeout=300', 'update']);
		result = await apt(install);
	}
	const installed = which('redis-server');
	if (result.code !== 0 || !installed) {
		throw new Error(`could not install redis-server with apt-get (exit ${result.code}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
	}
	return installed;
}

/**
 * Redis on 127.0.0.1 and a free port, no persistence, its working folder a fresh temp folder.
 * Returns { host, port, env, log(), stop() }; `env` holds n8n's QUEUE_BULL_REDIS_* settings.
 */
async function startRedis({ limitMs = 60_000 } = {}) {
	const binary = await ensureRedisServer();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-redis-'));
	try {
		const { port, handle } = await startOnFreePort(
			'redis-server',
			(port) =>
				startBackground(
					binary,
					['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--logfile', ''],
					{ cwd: dir },
				),
			(log) => /Ready to accept connections/i.test(log),
			limitMs,
		);
		return {
			host: '127.0.0.1',
			port,
			pid: handle.child.pid,
			env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
			log: () => handle.log,
			async stop() {
				await handle.stop(10_000);
				fs.rmSync(dir, { recursive: true, force: true });
			},
		};
	} catch (error) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

/** uid and gid of a system user, from /etc/passwd. */
function systemUser(name) {
	const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith(`${name}:`));
	if (!line) throw new Error(`there is no "${name}" user on this machine (PostgreSQL's binaries refuse to run as root)`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * The machine's PostgreSQL 15 on 127.0.0.1 and a free port: initdb into a fresh temp folder (owned by the
 * `postgres` user when running as root), password authentication on TCP, one role and database for n8n.
 * Returns { host, port, database, user, password, env, query(sql), log(), stop() }; `env` holds n8n's
 * DB_TYPE / DB_POSTGRESDB_* settings.
 */
async function startPostgres({ database = 'n8n', user = 'n8n', limitMs = 90_000 } = {}) {
	for (const binary of ['initdb', 'postgres', 'psql']) {
		if (!fs.existsSync(path.join(PG_BIN, binary))) throw new Error(`${PG_BIN}/${binary} is missing: the queue suite needs PostgreSQL 15 (Debian: postgresql-15)`);
	}
	const root = isRoot();
	const owner = root ? systemUser('postgres') : undefined;
	// Not under the suite's work folder: that one is private to root, and the postgres user must reach this one.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-postgres-'));
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir, { mode: 0o700 });
	const superPassword = crypto.randomBytes(18).toString('base64url');
	const password = crypto.randomBytes(18).toString('base64url');
	const pwFile = path.join(dir, 'superuser-password');
	fs.writeFileSync(pwFile, `${superPassword}\n`, { mode: 0o600 });
	if (owner) for (const entry of [dir, socketDir, pwFile]) fs.chownSync(entry, owner.uid, owner.gid);

	const childEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', HOME: dir };
	// As root: setpriv execs the binary as postgres (its PID is the one tracked); otherwise run it directly.
	const asOwner = (binary, args) =>
		owner
			? ['setpriv', ['--reuid', String(owner.uid), '--regid', String(owner.gid), '--init-groups', '--', path.join(PG_BIN, binary), ...args]]
			: [path.join(PG_BIN, binary), args];

	let handle;
	try {
		const [initCommand, initArgs] = asOwner('initdb', [
			'-D', dataDir, '-U', 'postgres', `--pwfile=${pwFile}`, '--auth-local=trust', '--auth-host=scram-sha-256',
			'-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions',
		]);
		await mustRun(initCommand, initArgs, { cwd: dir, env: childEnv, timeoutMs: 180_000 });
		fs.rmSync(pwFile, { force: true });

		const started = await startOnFreePort(
			'postgres',
			(port) => {
				const [command, args] = asOwner('postgres', [
					'-D', dataDir, '-h', '127.0.0.1', '-p', String(port), '-k', socketDir,
					'-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_permissions=0700',
					// A throwaway database: nothing needs to survive a crash, and the machine is shared.
					'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
					'-c', 'shared_buffers=64MB', '-c', 'max_connections=60',
				]);
				return startBackground(command, args, { cwd: dir, env: childEnv });
			},
			(log) => /database system is ready to accept connections/.test(log),
			limitMs,
		);
		handle = started.handle;
		const port = started.port;

		const psql = async (sql, { as = 'postgres', db = 'postgres', pass = superPassword } = {}) => {
			const result = await mustRun(
				path.join(PG_BIN, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', as, '-d', db, '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
				{ env: { ...process.env, PGPASSWORD: pass, PGCONNECT_TIMEOUT: '20' }, timeoutMs: 60_000 },
			);
			return result.stdout;
		};
		// n8n's own role, not a superuser: the owner of its database (PostgreSQL 15 lets the owner create in `public`).
		await psql(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`);
		await psql(`CREATE DATABASE ${database} OWNER ${user}`);

		return {
			host: '127.0.0.1',
			port,
			database,
			user,
			password,
			pid: handle.child.pid,
			env: {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(port),
				DB_POSTGRESDB_DATABASE: database,
				DB_POSTGRESDB_USER: user,
				DB_POSTGRESDB_PASSWORD: password,
			},
			/** Rows of a query in n8n's database, as arrays of strings (tab-separated psql output). */
			async query(sql) {
				const text = await psql(sql, { as: user, db: database, pass: password });
				return text.split('\n').filter((row) => row !== '').map((row) => row.split('\t'));
			},
			log: () => handle.log,
			async stop() {
				// Fast shutdown (SIGINT): active sessions are ended instead of waited for.
				if (!handle.exited()) {
					try {
						process.kill(handle.child.pid, 'SIGINT');
					} catch {
						// already gone
					}
				}
				await handle.stop(20_000);
				fs.rmSync(dir, { recursive: true, force: true });
			},
		};
	} catch (error) {
		if (handle) await handle.stop(5_000);
		fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

module.exports = { ensureRedisServer, startRedis, startPostgres };
