/**
 * What-if preload for the API child (`npm run bench -- --fix-request-signal`): fastify 5 aborts
 * `request.signal` when the request's IncomingMessage emits 'close', which Node also does as soon
 * as a body has been read (fastify PR #6725), so a handler that passes the signal on cancels
 * itself: POST /v1/cases/import stops after its first batch of rows. This drops those premature
 * 'close' events for fastify's abort listener only (a client leaving after its body was read is
 * not seen this way either, fixed or not: the response's 'close' is what tells). It stands in for
 * the fix in api/ until that lands, so that the import can be measured meanwhile.
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
