#!/usr/bin/env node
// Runs the two lint legs of n8n's verification scanner, @n8n/scan-community-package 0.32.0,
// locally and offline, for one package of this repository:
//
//   node scripts/scanner-parity.mjs <packageDir> <tarball.tgz> [options]
//
//   tarball leg: <tarball.tgz> extracted like the scanner does (tar -xzf --strip-components=1),
//                then package.json + **/*.js linted                     (scanner.mjs:447)
//   source leg:  <packageDir>/package.json + {nodes,credentials}/**/*.{js,ts,json}
//                                                                       (scanner.mjs:222, 446)
//
// Options:
//   --source-ref <rev>  lint the source leg from `git archive <rev>` of the repository that holds
//                       <packageDir> (committed files only, export-ignore honoured: what GitHub's
//                       codeload tarball of the attested commit holds), with the package root
//                       found by the tarball's package name, as the scanner does (findPackageRoot).
//                       Default: the working tree of <packageDir> as it is.
//   --scanner <dir>     folder of an installed @n8n/scan-community-package (default: resolved
//                       from node_modules of this repository or of <packageDir>; env
//                       SCANNER_PARITY_SCANNER_DIR works too).
//   --strict            also fail on warnings (the scanner does not: only errorCount > 0 fails).
//   --no-cross-check    skip re-running each leg through the scanner's own analyzePackage().
//   --list-files        print every file linted.
//
// Exit: 0 = both legs pass the scanner's lint gate, 1 = a leg has errors (or warnings with
// --strict), 2 = usage or setup error, or the cross-check disagrees.
//
// The config, ESLint options and file globs come from the scanner's own code when
// @n8n/scan-community-package is installed (exact parity: its buildScanConfig, its pinned
// @n8n/eslint-plugin-community-nodes 0.29.0, its eslint). Without it the script falls back to a
// copy of buildScanConfig (scanner.mjs:229-292) over this repository's installed plugins and says
// so loudly: the repository's @n8n/eslint-plugin-community-nodes (0.32.0) is NOT what the scanner
// runs (0.29.0; 0.32 adds no-unsafe-connection-type-cast and reads constructor-assigned
// descriptions in compiled .js, so it finds more in the tarball leg).
//
// What is not reproduced (network): the provenance check (provenance.mjs), the registry metadata
// and attestation requests, `npm pack` of the published version and the codeload.github.com
// download (scanner.mjs:80-215, 344-437). Outbound sockets are blocked while this script runs.

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCANNER_NAME = '@n8n/scan-community-package';
const SCANNER_VERSION = '0.32.0';
const SCANNER_PLUGIN_VERSION = '0.29.0'; // its pinned @n8n/eslint-plugin-community-nodes
const TARBALL_PATTERNS = ['**/*.js', 'package.json']; // scanner.mjs:447
const GLOB_IGNORE = ['node_modules/**', '**/package-lock.json']; // scanner.mjs:313

// No network: the lint legs need none, and nothing imported here may phone home.
net.Socket.prototype.connect = function blockedConnect() {
	throw new Error('scanner-parity: network access is blocked in this script');
};

const USAGE =
	'usage: node scripts/scanner-parity.mjs <packageDir> <tarball.tgz> ' +
	'[--source-ref <rev>] [--scanner <dir>] [--strict] [--no-cross-check] [--list-files]';

function die(message) {
	console.error(`scanner-parity: ${message}`);
	process.exit(2);
}

function parseArgs(argv) {
	const opts = { positional: [], strict: false, crossCheck: true, listFiles: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			if (arg.includes('=')) return arg.slice(arg.indexOf('=') + 1);
			if (i + 1 >= argv.length) die(`${arg} needs a value\n${USAGE}`);
			return argv[++i];
		};
		if (arg === '-h' || arg === '--help') {
			console.log(USAGE);
			process.exit(0);
		} else if (arg === '--strict') opts.strict = true;
		else if (arg === '--no-cross-check') opts.crossCheck = false;
		else if (arg === '--list-files') opts.listFiles = true;
		else if (arg.startsWith('--source-ref')) opts.sourceRef = value();
		else if (arg.startsWith('--scanner')) opts.scannerDir = value();
		else if (arg.startsWith('-')) die(`unknown option ${arg}\n${USAGE}`);
		else opts.positional.push(arg);
	}
	if (opts.positional.length !== 2) die(USAGE);
	return opts;
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function run(cmd, args, options = {}) {
	const result = spawnSync(cmd, args, { stdio: 'pipe', encoding: 'utf8', ...options });
	if (result.error) throw result.error;
	if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr}`);
	return result.stdout;
}

// ---------------------------------------------------------------------------------------------
// Where the lint machinery comes from: the installed scanner, else a copy over local plugins.

function findScannerPackageJson(opts, packageDir) {
	const explicit = opts.scannerDir ?? process.env.SCANNER_PARITY_SCANNER_DIR;
	if (explicit) {
		const file = path.resolve(explicit, 'package.json');
		if (!fs.existsSync(file)) die(`--scanner ${explicit}: no package.json there`);
		return file;
	}
	const bases = [fileURLToPath(import.meta.url), path.join(packageDir, 'package.json')];
	for (const base of bases) {
		try {
			return createRequire(base).resolve(`${SCANNER_NAME}/package.json`);
		} catch {
			// not installed from there
		}
	}
	return null;
}

async function loadFromScanner(scannerPackageJson) {
	const scannerDir = path.dirname(scannerPackageJson);
	const { name, version } = readJson(scannerPackageJson);
	if (name !== SCANNER_NAME) die(`${scannerDir} is ${name}, not ${SCANNER_NAME}`);
	const req = createRequire(scannerPackageJson);
	const scanner = await import(pathToFileURL(path.join(scannerDir, 'scanner', 'scanner.mjs')).href);
	// scanner.mjs:18 makes a temp dir at import time and never removes it; have tmp do so at exit.
	req('tmp').setGracefulCleanup();
	const pluginPackageJson = path.join(
		path.dirname(path.dirname(req.resolve('@n8n/eslint-plugin-community-nodes'))),
		'package.json',
	);
	return {
		mode: 'scanner',
		describe: `${SCANNER_NAME}@${version} (${scannerDir}), ` +
			`@n8n/eslint-plugin-community-nodes@${readJson(pluginPackageJson).version}, ` +
			`eslint@${req('eslint/package.json').version}`,
		warnings: version === SCANNER_VERSION ? [] :
			[`installed ${SCANNER_NAME} is ${version}, this script targets ${SCANNER_VERSION}`],
		ESLint: req('eslint').ESLint, // the eslint the scanner imports (scanner.mjs:5)
		glob: req('fast-glob'), // scanner.mjs:10
		buildScanConfig: scanner.buildScanConfig, // scanner.mjs:229
		findPackageRoot: scanner.findPackageRoot, // scanner.mjs:168
		sourcePatterns: scanner.SOURCE_FILE_PATTERNS, // scanner.mjs:222
		analyzePackage: scanner.analyzePackage, // scanner.mjs:294, used for the cross-check
	};
}

async function loadFallback() {
	const req = createRequire(fileURLToPath(import.meta.url));
	const importResolved = (id) => import(pathToFileURL(req.resolve(id)).href);
	const pluginVersion = (() => {
		try {
			const entry = req.resolve('@n8n/eslint-plugin-community-nodes');
			return readJson(path.join(path.dirname(path.dirname(entry)), 'package.json')).version;
		} catch {
			return 'missing';
		}
	})();
	const { defineConfig } = req('eslint/config');

	// Copy of buildScanConfig, @n8n/scan-community-package 0.32.0 scanner/scanner.mjs:229-292.
	const buildScanConfig = async () => {
		const { n8nCommunityNodesPlugin } = await importResolved('@n8n/eslint-plugin-community-nodes');
		const tsParser = await importResolved('@typescript-eslint/parser');
		const n8nNodesPlugin = (await importResolved('eslint-plugin-n8n-nodes-base')).default;
		const parser = tsParser.default ?? tsParser;
		return defineConfig(
			n8nCommunityNodesPlugin.configs.recommended,
			{ rules: { 'no-console': 'error' } },
			{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
			{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
			{
				files: ['**/credentials/**/*.ts'],
				rules: {
					...n8nNodesPlugin.configs.credentials.rules,
					'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
					'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
				},
			},
			{
				files: ['**/nodes/**/*.ts'],
				rules: {
					...n8nNodesPlugin.configs.nodes.rules,
					'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
					'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
					'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
				},
			},
			{ files: ['**/*.json'], languageOptions: { parser } },
			{ files: ['**/*.ts'], languageOptions: { parser } },
		);
	};

	// Copy of findPackageRoot, scanner.mjs:168-186 (glob order decides between duplicates).
	const findPackageRoot = (sourceDir, packageName) => {
		for (const file of globSync(['**/package.json'], { cwd: sourceDir, ignore: ['**/node_modules/**'] })) {
			try {
				if (readJson(file).name === packageName) return path.dirname(file);
			} catch {
				// unparseable package.json: keep looking
			}
		}
		return null;
	};

	let glob;
	try {
		glob = req('fast-glob');
	} catch {
		glob = { sync: (patterns, o) => globSync(patterns, o) };
	}
	const warnings = [
		`${SCANNER_NAME} is not installed: FALLBACK to a copy of its buildScanConfig over this ` +
			`repository's plugins. The scanner runs @n8n/eslint-plugin-community-nodes@` +
			`${SCANNER_PLUGIN_VERSION}; installed here: ${pluginVersion}. Results may differ ` +
			`(add ${SCANNER_NAME}@${SCANNER_VERSION} as a dev dependency for exact parity).`,
	];
	return {
		mode: 'fallback',
		describe: `fallback copy of buildScanConfig, @n8n/eslint-plugin-community-nodes@${pluginVersion}, ` +
			`eslint@${req('eslint/package.json').version}`,
		warnings,
		ESLint: req('eslint').ESLint,
		glob,
		buildScanConfig,
		findPackageRoot,
		sourcePatterns: ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'], // scanner.mjs:222
		analyzePackage: null,
	};
}

// Minimal fast-glob stand-in for the fallback (fast-glob defaults: dot: false, absolute paths).
function globSync(patterns, { cwd, ignore = [] }) {
	const toRegExp = (pattern) => {
		let re = '';
		for (let i = 0; i < pattern.length; i++) {
			const c = pattern[i];
			if (pattern.startsWith('**/', i)) {
				re += '(?:.*/)?';
				i += 2;
			} else if (pattern.startsWith('/**', i) && i + 3 === pattern.length) {
				re += '(?:/.*)?';
				i += 2;
			} else if (c === '*') re += '[^/]*';
			else if (c === '{') re += '(?:';
			else if (c === '}') re += ')';
			else if (c === ',') re += '|';
			else re += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
		}
		return new RegExp(`^${re}$`);
	};
	const include = patterns.map(toRegExp);
	const exclude = ignore.map(toRegExp);
	const out = [];
	const walk = (rel) => {
		for (const entry of fs.readdirSync(path.join(cwd, rel), { withFileTypes: true })) {
			if (entry.name.startsWith('.')) continue;
			const child = rel ? `${rel}/${entry.name}` : entry.name;
			if (exclude.some((re) => re.test(child))) continue;
			if (entry.isDirectory()) walk(child);
			else if (include.some((re) => re.test(child))) out.push(path.join(cwd, child));
		}
	};
	walk('');
	return out;
}

// ---------------------------------------------------------------------------------------------
// One leg = the scanner's analyzePackage (scanner.mjs:294-342), with counts and readable output.

async function lintLeg(tools, { name, dir, patterns, label, opts }) {
	const eslint = new tools.ESLint({
		cwd: dir,
		allowInlineConfig: false, // inline eslint-disable comments are ignored
		overrideConfigFile: true, // the package's own eslint.config.* is never read
		overrideConfig: await tools.buildScanConfig(),
	});
	const files = tools.glob.sync(patterns, { cwd: dir, absolute: true, ignore: GLOB_IGNORE });
	const leg = { name, files: files.length, errors: 0, warnings: 0, failed: false, output: '' };
	if (files.length === 0) {
		leg.note = 'no files found to analyze (the scanner passes such a leg)';
		return leg;
	}
	if (opts.listFiles) {
		console.log(`[${name}] files:\n${files.map((f) => `  ${label(f)}`).sort().join('\n')}`);
	}
	let results;
	try {
		results = await eslint.lintFiles(files);
	} catch (error) {
		// The scanner reports this as "Analysis failed" and fails the leg.
		leg.failed = true;
		leg.errors = 1;
		leg.output = `Analysis failed: ${error.message}`;
		return leg;
	}
	for (const r of results) {
		leg.errors += r.errorCount;
		leg.warnings += r.warningCount;
	}
	leg.failed = results.some((r) => r.errorCount > 0); // scanner.mjs:321, warnings never fail
	const shown = results
		.filter((r) => r.messages.length > 0)
		.map((r) => ({ ...r, filePath: label(r.filePath) }));
	if (shown.length > 0) leg.output = await (await eslint.loadFormatter('stylish')).format(shown);

	if (opts.crossCheck && tools.analyzePackage) {
		const verdict = await tools.analyzePackage(dir, patterns);
		leg.crossCheck = verdict.passed === !leg.failed ? 'agrees' : 'DISAGREES';
		if (verdict.passed === leg.failed) leg.crossCheckDetails = verdict.details ?? verdict.message;
	}
	return leg;
}

// ---------------------------------------------------------------------------------------------

function gitTop(dir) {
	try {
		return run('git', ['-C', dir, 'rev-parse', '--show-toplevel']).trim();
	} catch {
		return null;
	}
}

// The scanner takes the first package.json with the package's name that fast-glob yields; two of
// them make the choice depend on directory order. Counted over the files GitHub would have.
function packageJsonsNamed(name, { top, ref, tree }) {
	let candidates;
	if (tree) candidates = globSync(['**/package.json'], { cwd: tree, ignore: ['**/node_modules/**'] });
	else {
		const listing = ref
			? run('git', ['-C', top, 'ls-tree', '-r', '--name-only', ref])
			: run('git', ['-C', top, 'ls-files', '--cached', '--others', '--exclude-standard']);
		candidates = listing
			.split('\n')
			.filter((f) => path.posix.basename(f) === 'package.json' && !f.includes('node_modules/'))
			.map((f) => path.join(top, f))
			.filter((f) => fs.existsSync(f));
	}
	return candidates.filter((f) => {
		try {
			return readJson(f).name === name;
		} catch {
			return false;
		}
	});
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const packageDir = path.resolve(opts.positional[0]);
	const tarball = path.resolve(opts.positional[1]);
	if (!fs.existsSync(path.join(packageDir, 'package.json'))) die(`${packageDir}: no package.json`);
	if (!fs.existsSync(tarball)) die(`${tarball}: no such file`);

	const scannerPackageJson = findScannerPackageJson(opts, packageDir);
	const tools = scannerPackageJson ? await loadFromScanner(scannerPackageJson) : await loadFallback();
	console.log(`scanner-parity: lint rules from ${tools.describe}`);
	for (const w of tools.warnings) console.warn(`scanner-parity: WARNING: ${w}`);
	if (opts.crossCheck && !tools.analyzePackage) console.warn('scanner-parity: no cross-check in fallback mode');

	const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'scanner-parity-'));
	const cleanup = () => fs.rmSync(temp, { recursive: true, force: true });
	process.on('exit', cleanup);
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

	const legs = [];
	const notes = [];

	// Tarball leg: scanner.mjs:97-107 (extract) and :447 (lint).
	const tarDir = path.join(temp, 'tarball');
	fs.mkdirSync(tarDir);
	run('tar', ['-xzf', tarball, '-C', tarDir, '--strip-components=1']);
	const tarballName = readJson(path.join(tarDir, 'package.json')).name;
	legs.push(
		await lintLeg(tools, {
			name: `tarball ${path.basename(tarball)}`,
			dir: tarDir,
			patterns: TARBALL_PATTERNS,
			label: (f) => `${path.basename(tarball)}:package/${path.relative(tarDir, f)}`,
			opts,
		}),
	);

	// Source leg: scanner.mjs:188-215 (find the root by name) and :446 (lint).
	const localName = readJson(path.join(packageDir, 'package.json')).name;
	if (localName !== tarballName) {
		notes.push(`${packageDir}/package.json is "${localName}" but the tarball is "${tarballName}": ` +
			'the scanner lints the source package named like the tarball');
	}
	const top = gitTop(packageDir);
	let sourceDir = packageDir;
	let sourceLabel = (f) => path.relative(process.cwd(), f) || f;
	if (opts.sourceRef) {
		if (!top) die(`--source-ref: ${packageDir} is not in a git repository`);
		const tree = path.join(temp, 'source');
		fs.mkdirSync(tree);
		run('git', ['-C', top, 'archive', '--format=tar', '-o', path.join(temp, 'source.tar'), opts.sourceRef]);
		run('tar', ['-xf', path.join(temp, 'source.tar'), '-C', tree]);
		const named = packageJsonsNamed(tarballName, { tree });
		if (named.length > 1) {
			notes.push(`${named.length} package.json files at ${opts.sourceRef} are named "${tarballName}" ` +
				`(${named.map((f) => path.relative(tree, f)).join(', ')}): the scanner takes whichever fast-glob yields first`);
		}
		const root = tools.findPackageRoot(tree, tarballName);
		if (!root) {
			legs.push({ name: `source ${opts.sourceRef}`, files: 0, errors: 1, warnings: 0, failed: true,
				output: `no package.json named "${tarballName}" at ${opts.sourceRef}: the scanner fails the package` });
		} else {
			const expected = path.relative(top, packageDir) || '.';
			const found = path.relative(tree, root) || '.';
			if (expected !== found) notes.push(`the scanner's package root at ${opts.sourceRef} is ${found}, not ${expected}`);
			sourceDir = root;
			sourceLabel = (f) => `${opts.sourceRef}:${path.relative(tree, f)}`;
		}
	} else if (top) {
		const named = packageJsonsNamed(tarballName, { top });
		if (named.length > 1) {
			notes.push(`${named.length} package.json files in the working tree are named "${tarballName}" ` +
				`(${named.map((f) => path.relative(top, f)).join(', ')}): the scanner takes whichever fast-glob yields first`);
		}
	}
	if (!legs.some((l) => l.name.startsWith('source'))) {
		legs.push(
			await lintLeg(tools, {
				name: opts.sourceRef ? `source ${opts.sourceRef}:${path.relative(path.join(temp, 'source'), sourceDir) || '.'}` :
					`source ${path.relative(process.cwd(), packageDir) || '.'} (working tree)`,
				dir: sourceDir,
				patterns: tools.sourcePatterns,
				label: sourceLabel,
				opts,
			}),
		);
	}

	// Report.
	let failed = false;
	let disagrees = false;
	for (const leg of legs) {
		if (leg.output) console.log(`\n[${leg.name}]\n${leg.output.trimEnd()}`);
		if (leg.crossCheck === 'DISAGREES') {
			disagrees = true;
			console.log(`[${leg.name}] scanner analyzePackage() says:\n${leg.crossCheckDetails ?? 'passed'}`);
		}
	}
	console.log('');
	for (const n of notes) console.log(`note: ${n}`);
	for (const leg of legs) {
		const legFailed = leg.failed || (opts.strict && leg.warnings > 0);
		failed ||= legFailed;
		const cross = leg.crossCheck ? `; scanner analyzePackage() ${leg.crossCheck}` : '';
		console.log(`${legFailed ? 'FAIL' : 'PASS'} [${leg.name}] ${leg.files} files linted, ` +
			`${leg.errors} errors, ${leg.warnings} warnings${leg.note ? ` (${leg.note})` : ''}${cross}`);
	}
	process.exitCode = disagrees ? 2 : failed ? 1 : 0;
}

main().catch((error) => {
	console.error(`scanner-parity: ${error.stack ?? error}`);
	process.exit(2);
});
