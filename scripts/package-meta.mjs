#!/usr/bin/env node
// `repository`, `author`, `engines` and `version` are defined in the root package.json only. Every other
// package of this repository (scripts/packages.mjs) carries the same values, and a homepage in its own
// folder of the same repository; the READMEs' links into the repository use its URL too.
//   node scripts/package-meta.mjs          checks, exit 1 on any difference (.ci/run)
//   node scripts/package-meta.mjs --write  writes them
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

import { PACKAGE_DIRS } from './packages.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `git+https://github.com/O/R.git` → `https://github.com/O/R`. */
export function repositoryWebUrl(rootPackage) {
	const url = typeof rootPackage.repository === 'string' ? rootPackage.repository : rootPackage.repository?.url;
	const match = /^(?:git\+)?(https:\/\/github\.com\/[^/\s]+\/[^/\s#?]+?)(?:\.git)?\/?$/i.exec(url ?? '');
	if (!match) throw new Error(`root package.json: repository.url ${JSON.stringify(url)} is not a GitHub repository URL`);
	return match[1];
}

/** The fields a package in `dir` must carry, derived from the root package.json. */
export function expectedMeta(rootPackage, dir) {
	const web = repositoryWebUrl(rootPackage);
	return {
		version: rootPackage.version,
		repository: rootPackage.repository,
		author: rootPackage.author,
		engines: rootPackage.engines,
		homepage: dir === '.' ? `${web}#readme` : `${web}/tree/HEAD/${dir}#readme`,
	};
}

/** Links in a README to files of this repository (…/blob/HEAD/…, …/tree/HEAD/…, raw images), rewritten to `web`. */
function withRepositoryLinks(readme, web) {
	const raw = web.replace('https://github.com/', 'https://raw.githubusercontent.com/');
	return readme
		.replace(/https:\/\/github\.com\/[^/\s)]+\/[^/\s)]+\/(blob|tree)\/HEAD\//g, `${web}/$1/HEAD/`)
		.replace(/https:\/\/raw\.githubusercontent\.com\/[^/\s)]+\/[^/\s)]+\/HEAD\//g, `${raw}/HEAD/`);
}

function main() {
	const write = process.argv.includes('--write');
	const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const web = repositoryWebUrl(rootPackage);
	const problems = [];
	for (const dir of PACKAGE_DIRS) {
		const file = join(ROOT, dir, 'package.json');
		const pkg = JSON.parse(readFileSync(file, 'utf8'));
		for (const [key, value] of Object.entries(expectedMeta(rootPackage, dir))) {
			if (isDeepStrictEqual(pkg[key], value)) continue;
			problems.push(`${join(dir, 'package.json')}: ${key} is ${JSON.stringify(pkg[key])}, expected ${JSON.stringify(value)}`);
			pkg[key] = value;
		}
		if (write) writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
		const readmeFile = join(ROOT, dir, 'README.md');
		const readme = readFileSync(readmeFile, 'utf8');
		const fixed = withRepositoryLinks(readme, web);
		if (fixed !== readme) {
			problems.push(`${join(dir, 'README.md')}: links into the repository do not start with ${web}`);
			if (write) writeFileSync(readmeFile, fixed);
		}
	}
	if (problems.length === 0) {
		console.log(`package-meta: every package matches the root package.json (${web})`);
		return;
	}
	console.log(problems.map((problem) => `  ${write ? 'fixed' : 'FAIL '} ${problem}`).join('\n'));
	if (!write) {
		console.error('package-meta: run `node scripts/package-meta.mjs --write` after changing the root package.json');
		process.exit(1);
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
