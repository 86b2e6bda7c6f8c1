// jest set-up for the fake API servers, apart from the run helpers so that the benchmark can load those without jest.
import type { FakeCirrus } from './cirrus';
import { startFakeCirrus, TOKEN } from './cirrus';
import type { FakeKmi } from './kmi';
import { KEY, OTHER_KEY, OTHER_SECRET, SECRET } from './kmi';

import { startFakeKmi } from '../fake-kmi/server';

/** One fake server per test file, emptied before each test; use `fake.server` inside tests. */
function useFakeServer<Server extends { reset(): void; stop(): Promise<void> }>(
	start: () => Promise<Server>,
): { server: Server } {
	const fake = {} as { server: Server };
	beforeAll(async () => {
		fake.server = await start();
	});
	afterAll(async () => {
		await fake.server.stop();
	});
	beforeEach(() => fake.server.reset());
	return fake;
}

export function useFakeCirrus(): { server: FakeCirrus } {
	return useFakeServer(() => startFakeCirrus({ token: TOKEN }));
}

export function useFakeKmi(): { server: FakeKmi } {
	return useFakeServer(() => startFakeKmi({ keys: { [KEY]: SECRET, [OTHER_KEY]: OTHER_SECRET } }));
}
