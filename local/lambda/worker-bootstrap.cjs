// @ts-check
// The code that runs inside each function's worker thread: it loads the bundled handler once
// (the cold start) and then runs one invocation at a time, like a Lambda execution environment.
// Plain CommonJS so Node runs it directly, whatever loader (tsx, ts-jest) started the runner.
'use strict';

const { parentPort, workerData } = require('node:worker_threads');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

/** @typedef {{ errorType: string, errorMessage: string, stack?: string }} SerializedError */

/** @param {unknown} error @param {string} [fallbackType] @returns {SerializedError} */
function serializeError(error, fallbackType = 'Error') {
  if (error instanceof Error) {
    return { errorType: error.name || fallbackType, errorMessage: error.message, stack: error.stack };
  }
  return { errorType: fallbackType, errorMessage: String(error) };
}

/** Whether a `.js` file is an ES module: the nearest package.json says `"type": "module"`. */
function isEsmPackage(dir) {
  for (let current = dir; ; current = path.dirname(current)) {
    const manifest = path.join(current, 'package.json');
    if (existsSync(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(current) === current) return false;
  }
}

/** Loads `file.export` from the code folder as Lambda's Node.js runtime does. */
async function loadHandler(codeDir, handlerSetting) {
  const dot = handlerSetting.lastIndexOf('.');
  if (dot <= 0)
    throw Object.assign(new Error(`Bad handler ${handlerSetting}`), { name: 'Runtime.MalformedHandlerName' });
  const modulePath = handlerSetting.slice(0, dot);
  const exportPath = handlerSetting.slice(dot + 1);
  const base = path.resolve(codeDir, modulePath);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((candidate) => existsSync(candidate));
  if (file === undefined) {
    throw Object.assign(new Error(`Cannot find module '${modulePath}'`), {
      name: 'Runtime.ImportModuleError',
    });
  }
  const esm = file.endsWith('.mjs') || (file.endsWith('.js') && isEsmPackage(path.dirname(file)));
  let loaded;
  try {
    loaded = esm ? await import(pathToFileURL(file).href) : require(file);
  } catch (error) {
    if (error instanceof Error && error.name === 'SyntaxError') error.name = 'Runtime.UserCodeSyntaxError';
    throw error;
  }
  let handler = loaded;
  for (const part of exportPath.split('.')) handler = handler == null ? undefined : handler[part];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${modulePath}.${exportPath} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return handler;
}

/** Runs the handler, promise-style or callback-style, and settles with its result. */
function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== null && error !== undefined) reject(error);
      else resolve(result);
    };
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') returned.then((r) => callback(null, r), callback);
      else if (handler.length < 3) callback(null, returned);
    } catch (error) {
      callback(error);
    }
  });
}

async function main() {
  if (parentPort === null) throw new Error('worker-bootstrap.cjs runs only as a worker thread');
  const port = parentPort;
  const config = workerData;
  if (/--enable-source-maps/.test(process.env.NODE_OPTIONS ?? '')) process.setSourceMapsEnabled(true);
  const started = performance.now();
  let handler;
  try {
    handler = await loadHandler(config.codeDir, config.handler);
  } catch (error) {
    port.postMessage({ type: 'init-error', error: serializeError(error, 'Runtime.ImportModuleError') });
    return;
  }
  port.postMessage({ type: 'ready', initMs: performance.now() - started });

  port.on('message', async (message) => {
    if (message.type !== 'invoke') return;
    const { invocationId, event, deadlineMs, awsRequestId, invokedFunctionArn } = message;
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: config.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn,
      memoryLimitInMB: String(config.memorySizeMb),
      awsRequestId,
      logGroupName: config.logGroupName,
      logStreamName: config.logStreamName,
      getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    };
    try {
      const result = await runHandler(handler, event, context);
      // Lambda serializes the response as JSON; a value that cannot be is an invocation error.
      const payload = result === undefined ? 'null' : JSON.stringify(result);
      port.postMessage({ type: 'result', invocationId, payload: payload ?? 'null' });
    } catch (error) {
      port.postMessage({ type: 'error', invocationId, error: serializeError(error) });
    }
  });
}

main().catch((error) => {
  parentPort?.postMessage({ type: 'init-error', error: serializeError(error, 'Runtime.Unknown') });
});
