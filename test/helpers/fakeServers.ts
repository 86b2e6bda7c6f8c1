// jest set-up for the fake API servers, apart from the run helpers so that the benchmark can load those without jest.
import type { FakeCirrus } from './cirrus';
import { startFakeCirrus, TOKEN } from './cirrus';
import type { FakeKmi } from './kmi';
import { KEY, OTHER_KEY, OTHER_SECRET, SECRET } from './kmi';

import { startFakeKmi } from '../fake-kmi/server';

/** One fake Cirrus server per test file, emptied before each test; use `fake.server` inside tests. */
export function useFakeCirrus(): { server: FakeCirrus } {
	const fake = {} as { server: FakeCirrus };
	beforeAll(async () => {
		fake.server = await startFakeCirrus({ token: TOKEN });
	});
	afterAll(async () => {
		await fake.server.stop();
	});
	beforeEach(() => fake.server.reset());
	return fake;
}

/** One fake KMI server per test file, emptied before each test; use `fake.server` inside tests. */
export function useFakeKmi(): { server: FakeKmi } {
	const fake = {} as { server: FakeKmi };
	beforeAll(async () => {
		fake.server = await startFakeKmi({ keys: { [KEY]: SECRET, [OTHER_KEY]: OTHER_SECRET } });
	});
	afterAll(async () => {
		await fake.server.stop();
	});
	beforeEach(() => fake.server.reset());
	return fake;
}
