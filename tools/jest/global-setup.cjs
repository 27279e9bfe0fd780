// Jest transforms this module's TypeScript requires with the project's transform.
module.exports = () => require('./embedded-test-server.ts').startEmbeddedTestServer();
