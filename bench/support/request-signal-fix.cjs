/**
 * What-if preload for the API child (`npm run bench -- --fix-request-signal`): fastify 5 aborts
 * `request.signal` when the request's IncomingMessage emits 'close', which Node also does as soon
 * as a body has been read (https://github.com/fastify/fastify/pull/6725). Where the handler reads
 * the signal before that event, it cancels itself: at commit f9544ff POST /v1/cases/import stopped after its first batch
 * of rows (see bench/RESULTS.md). This drops those premature 'close' events for fastify's abort
 * listener only. It stands in for the fix in api/ (a signal derived from the response's 'close')
 * so that such a version can still be measured.
 */
const { IncomingMessage } = require('node:http');

const on = IncomingMessage.prototype.on;
IncomingMessage.prototype.on = function onGuarded(event, listener) {
  if (event !== 'close' || typeof listener !== 'function' || listener.name !== 'onAbort') return on.call(this, event, listener);
  return on.call(this, event, function onAbortIfDisconnected(...args) {
    // `this` is the IncomingMessage the event is emitted on.
    if (this.complete && this.socket && !this.socket.destroyed) return;
    return listener.apply(this, args);
  });
};
