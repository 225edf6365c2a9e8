import net from 'node:net';

/** A port the embedded stack needs is taken; the message names the variable that sets it. */
export class PortInUseError extends Error {
  constructor(
    readonly variable: string,
    readonly port: number,
  ) {
    super(`${variable} ${port} is already in use`);
    this.name = 'PortInUseError';
  }
}

/**
 * True when nothing listens on `port`. Binding the port is the only reliable test: a connect
 * probe misses servers that listen on another address. 127.0.0.1 conflicts with a wildcard
 * listener too, and every server of the embedded stack binds 127.0.0.1 or localhost.
 */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** Two variables name the same port: one line naming both. */
export class PortConflictError extends Error {
  constructor(readonly variable: string, readonly other: string, readonly port: number) {
    super(`${variable} ${port} is the same port as ${other}`);
    this.name = 'PortConflictError';
  }
}

export function assertDistinctPorts(ports: ReadonlyArray<{ variable: string; port: number }>): void {
  const seen = new Map<number, string>();
  for (const { variable, port } of ports) {
    const other = seen.get(port);
    if (other) throw new PortConflictError(variable, other, port);
    seen.set(port, variable);
  }
}

/** Fails on the first taken port with "<VARIABLE> <port> is already in use". */
export async function assertPortsFree(ports: ReadonlyArray<{ variable: string; port: number }>): Promise<void> {
  for (const { variable, port } of ports) {
    if (!(await isPortFree(port))) throw new PortInUseError(variable, port);
  }
}

/** A port the OS reports free right now (for tests and throwaway servers; never a fixed one). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe server'));
      });
    });
  });
}

/** `count` distinct free ports (distinct within this call; each was free when picked). */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** Resolves once nothing listens on `port` any more, or rejects after `timeoutMs`. */
export async function waitForPortFree(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isPortFree(port))) {
    if (Date.now() > deadline) throw new Error(`port ${port} is still in use after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
