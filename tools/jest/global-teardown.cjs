module.exports = () => require('./embedded-test-server.ts').stopEmbeddedTestServer();
