'use strict';
// dynalite (DynamoDB on LevelDB) in a worker thread of its own: its request parsing, condition
// evaluation and LevelDB calls are a large share of the local cloud's CPU under load, and here
// they run beside the main thread's HTTP, SQS and EventBridge work instead of in its way.
// Plain JavaScript, so the worker starts the same from the sources and from a bundle.
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require('dynalite');
const { cacheExpressionParses } = require('./expression-parse-cache.cjs');

cacheExpressionParses();

const { path, transitionMs } = workerData;
const server = dynalite({
  path,
  createTableMs: transitionMs,
  deleteTableMs: transitionMs,
  updateTableMs: transitionMs,
});

// The only client is the endpoint's kept-alive agent: connections stay open until it closes them,
// so a request never meets a socket the server is closing for idleness.
server.keepAliveTimeout = 0;

// That client always names this server as 127.0.0.1:<port>. Anything else, such as a web page
// whose DNS name was rebound to 127.0.0.1, is refused before dynalite sees the request.
let expectedHost;
const [dynaliteHandler] = server.listeners('request');
server.removeAllListeners('request');
server.on('request', (request, response) => {
  if (request.headers.host !== expectedHost) {
    response.writeHead(403, { 'content-type': 'application/json', connection: 'close' });
    response.end(JSON.stringify({ message: 'Only the local AWS endpoint may call this port.' }));
    return;
  }
  dynaliteHandler(request, response);
});

server.once('error', (error) => {
  parentPort.postMessage({ kind: 'failed', message: error.message });
});
server.listen(0, '127.0.0.1', () => {
  expectedHost = `127.0.0.1:${server.address().port}`;
  parentPort.postMessage({ kind: 'listening', port: server.address().port });
});

parentPort.on('message', (message) => {
  if (message !== 'close') return;
  // Closing the server also closes dynalite's LevelDB; the thread then ends with nothing left to do.
  server.close(() => {
    parentPort.postMessage({ kind: 'closed' });
    parentPort.close();
  });
});
