#!/usr/bin/env node
// Refuses a release (exit 1) unless both npm packages of this repository are fit to publish with
// npm provenance from this GitHub repository. Run by .github/workflows/publish.yml before
// `npm publish`; runnable locally:
//
//   GITHUB_REPOSITORY=owner/repo node scripts/check-release.mjs [--root <dir>]
//   GITHUB_REPOSITORY=owner/repo GITHUB_REF_TYPE=tag GITHUB_REF_NAME=v1.2.3 node scripts/check-release.mjs
//
// Checks:
//   (a) GITHUB_REPOSITORY is set; each package.json's repository.url is https://github.com/<repo>
//       (git+https://…/.git or https://… form, case-insensitive) and homepage starts with it
//       (npm rejects a provenance publish whose repository.url is not the workflow's repository);
//   (b) both package.json files have the same version; on a tag (GITHUB_REF_TYPE=tag) the tag
//       (GITHUB_REF_NAME) is that version or v + that version;
//   (c) repository, homepage and author of the KMI package match the root's (defined once there;
//       scripts/package-meta.mjs derives them);
//   (d) each package has a LICENSE file and no `dependencies`;
//   (e) the author is not a placeholder (an example.com address, OWNER).
// No dependencies: Node built-ins only.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expectedMeta } from './package-meta.mjs';

const KMI_DIR = join('packages', 'n8n-nodes-kmi-learning');

function parseArgs(argv) {
	let root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--root' && argv[i + 1]) root = resolve(argv[++i]);
		else if (argv[i].startsWith('--root=')) root = resolve(argv[i].slice('--root='.length));
		else {
			console.error(`check-release: unknown argument ${argv[i]}\nusage: node scripts/check-release.mjs [--root <dir>]`);
			process.exit(2);
		}
	}
	return root;
}

const root = parseArgs(process.argv.slice(2));
const problems = [];
const checked = [];
const ok = (msg) => checked.push(msg);
const fail = (msg) => problems.push(msg);

function readPackage(dir) {
	const file = join(dir, 'package.json');
	const shown = relative(root, file) || file;
	if (!existsSync(file)) {
		fail(`${shown}: missing`);
		return undefined;
	}
	try {
		return { dir, shown, json: JSON.parse(readFileSync(file, 'utf8')) };
	} catch (error) {
		fail(`${shown}: not valid JSON (${error.message})`);
		return undefined;
	}
}

/** `git+https://github.com/O/R.git`, `https://github.com/O/R` (any case, optional trailing slash) -> `o/r`. */
function githubSlug(url) {
	const match = /^(?:git\+)?https:\/\/github\.com\/([^/\s]+)\/([^/\s#?]+?)(?:\.git)?\/?$/i.exec(url);
	return match ? `${match[1]}/${match[2]}`.toLowerCase() : undefined;
}

const show = (value) => (value === undefined ? 'undefined' : JSON.stringify(value));

const rootPkg = readPackage(root);
const kmiPkg = readPackage(join(root, KMI_DIR));
const packages = [rootPkg, kmiPkg].filter(Boolean);

// (a) the repository the provenance attestation will name
const repository = process.env.GITHUB_REPOSITORY?.trim();
if (!repository) {
	fail('GITHUB_REPOSITORY is not set (GitHub Actions sets it; locally: GITHUB_REPOSITORY=owner/repo)');
} else if (!/^[^/\s]+\/[^/\s]+$/.test(repository)) {
	fail(`GITHUB_REPOSITORY=${repository} is not of the form owner/repo`);
} else {
	const repoUrl = `https://github.com/${repository}`;
	for (const { json, shown } of packages) {
		const url = typeof json.repository === 'string' ? json.repository : json.repository?.url;
		if (typeof url !== 'string' || githubSlug(url) !== repository.toLowerCase()) {
			fail(`${shown}: repository.url is ${show(url)}, expected git+${repoUrl}.git or ${repoUrl}`);
		} else {
			ok(`${shown}: repository.url ${url} is ${repoUrl}`);
		}
		const homepage = json.homepage;
		const homepageOk =
			typeof homepage === 'string' &&
			homepage.toLowerCase().startsWith(repoUrl.toLowerCase()) &&
			/^($|[/#?])/.test(homepage.slice(repoUrl.length));
		if (!homepageOk) fail(`${shown}: homepage is ${show(homepage)}, expected it to start with ${repoUrl}`);
		else ok(`${shown}: homepage ${homepage} starts with ${repoUrl}`);
	}
}

// (b) one version for both packages, and the tag names it
if (rootPkg && kmiPkg) {
	const version = rootPkg.json.version;
	if (typeof version !== 'string' || version === '') {
		fail(`${rootPkg.shown}: no version`);
	} else if (kmiPkg.json.version !== version) {
		fail(`versions differ: ${rootPkg.shown} has ${show(version)}, ${kmiPkg.shown} has ${show(kmiPkg.json.version)}`);
	} else {
		ok(`both packages have version ${version}`);
	}
	const refType = process.env.GITHUB_REF_TYPE;
	const refName = process.env.GITHUB_REF_NAME;
	if (refType === 'tag') {
		if (refName !== version && refName !== `v${version}`) {
			fail(`tag ${show(refName)} does not match version ${version} (expected ${version} or v${version})`);
		} else {
			ok(`tag ${refName} matches version ${version}`);
		}
	} else {
		ok(`tag check skipped (GITHUB_REF_TYPE=${refType ?? 'unset'}, not a tag)`);
	}
}

// (c) metadata defined once, in the root (scripts/package-meta.mjs derives the KMI package's)
if (rootPkg && kmiPkg) {
	let expected;
	try {
		expected = expectedMeta(rootPkg.json, KMI_DIR);
	} catch (error) {
		fail(error.message);
	}
	for (const key of ['repository', 'homepage', 'author']) {
		if (rootPkg.json[key] === undefined) fail(`${rootPkg.shown}: ${key} is missing`);
		else if (expected && !isDeepStrictEqual(kmiPkg.json[key], expected[key])) {
			fail(`${kmiPkg.shown}: ${key} is ${show(kmiPkg.json[key])}, expected ${show(expected[key])} (node scripts/package-meta.mjs --write)`);
		} else if (expected) ok(`${kmiPkg.shown}: ${key} matches the root's`);
	}
}

// (e) an author that is not a placeholder: npm and n8n show it as the package's maintainer
if (rootPkg) {
	const author = rootPkg.json.author;
	const text = typeof author === 'string' ? author : [author?.name, author?.email, author?.url].filter(Boolean).join(' ');
	if (!text) fail(`${rootPkg.shown}: author is missing`);
	else if (/\bexample\.(com|org|net)\b|\bOWNER\b/i.test(text)) fail(`${rootPkg.shown}: author ${show(author)} is a placeholder`);
	else ok(`${rootPkg.shown}: author ${show(author)}`);
}

// (d) licence file, no runtime dependencies (n8n's verification refuses them)
for (const { dir, json, shown } of packages) {
	// The names npm packs whatever `files` says: LICENSE / LICENCE, optionally .md or .txt.
	const license = existsSync(dir) ? readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f)) : undefined;
	const where = relative(root, dir) || '.';
	if (!license) fail(`${where}: no LICENSE file`);
	else ok(`${join(where, license)} present`);
	const deps = json.dependencies;
	if (deps !== undefined && (typeof deps !== 'object' || deps === null || Object.keys(deps).length > 0)) {
		fail(`${shown}: has dependencies ${show(deps)}; a community node package may have none (use peerDependencies n8n-workflow)`);
	} else {
		ok(`${shown}: no dependencies`);
	}
}

console.log(`check-release: ${root}`);
for (const line of checked) console.log(`  ok    ${line}`);
for (const line of problems) console.log(`  FAIL  ${line}`);
if (problems.length > 0) {
	console.error(`check-release: refusing to publish, ${problems.length} problem(s) above`);
	process.exit(1);
}
console.log('check-release: all checks passed');
