// n8n-core 1.x starts a 60-second cleanup interval for SSH tunnels in every test file's module
// registry and never unrefs it (2.x does), which keeps jest from exiting: stop it after each file.
/* global afterAll */
afterAll(() => {
	const { Container } = require('n8n-core-v1/node_modules/@n8n/di');
	const { SSHClientsManager } = require('n8n-core-v1/dist/execution-engine/ssh-clients-manager');
	Container.get(SSHClientsManager).onShutdown();
});
