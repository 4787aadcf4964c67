// Starts the whole platform (embedded PostgreSQL, services, gateway serving frontend/dist) for one test run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const READY = /^READY (\S+)/;
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Spawns `reform_common.devstack --ephemeral` in its own process group and waits for its READY line.
 * With `control: true` the stack also takes commands on stdin (`--control-stdin`), and the result has
 * `stopService(name)` / `startService(name)` (name: `feedback`, `tasks`, … ) to take one service down and
 * bring it back while the rest keep running.
 */
export async function startStack({ port = 18000, control = false } = {}) {
  const python = `${repoRoot}.venv/bin/python`;
  if (!existsSync(python)) throw new Error(`${python} not found: create the backend venv first`);
  if (!existsSync(`${repoRoot}frontend/dist/index.html`)) {
    throw new Error('frontend/dist is missing: run `npm run build` in frontend/ first');
  }

  // detached: the stack gets its own process group, so one signal reaches every server it starts.
  const args = ['-m', 'reform_common.devstack', '--ephemeral', '--port', String(port), ...(control ? ['--control-stdin'] : [])];
  const child = spawn(python, args, {
    cwd: repoRoot,
    detached: true,
    stdio: [control ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  // Keep draining both pipes for the whole run (a full pipe would block the servers); keep a tail for errors.
  const tail = [];
  const remember = (chunk) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stderr.on('data', remember);
  // Every complete stdout line goes to the current listeners (the READY wait, then control commands).
  const listeners = new Set();
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    remember(chunk);
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) for (const listener of [...listeners]) listener(line.trim());
  });

  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY line within ${START_TIMEOUT_MS / 1000} s:\n${tail.join('\n')}`)), START_TIMEOUT_MS);
    const onLine = (line) => {
      const match = READY.exec(line);
      if (match) {
        clearTimeout(timer);
        listeners.delete(onLine);
        resolve(match[1]);
      }
    };
    listeners.add(onLine);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`devstack exited before READY (code ${code}, signal ${signal}):\n${tail.join('\n')}`));
    });
  }).catch(async (error) => {
    await stop(child, exited);
    throw error;
  });

  /** Writes one control command and waits for its answer line (`STOPPED feedback_api`, …). */
  const command = (verb, name, answer) =>
    new Promise((resolve, reject) => {
      if (!control) throw new Error('startStack({ control: true }) is needed to stop or start one service');
      const timer = setTimeout(() => done(new Error(`no answer to "${verb} ${name}" within ${START_TIMEOUT_MS / 1000} s:\n${tail.join('\n')}`)), START_TIMEOUT_MS);
      const onLine = (line) => {
        if (answer.test(line)) done();
        else if (line.startsWith('CONTROL-ERROR')) done(new Error(line));
      };
      const done = (error) => {
        clearTimeout(timer);
        listeners.delete(onLine);
        if (error) reject(error);
        else resolve();
      };
      listeners.add(onLine);
      child.stdin.write(`${verb} ${name}\n`);
    });

  return {
    baseUrl,
    stop: () => stop(child, exited),
    stopService: (name) => command('stop', name, /^STOPPED \S+/),
    startService: (name) => command('start', name, /^STARTED \S+/),
  };
}

async function stop(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  process.kill(-child.pid, 'SIGTERM');
  const timedOut = Symbol('timeout');
  let timer;
  const result = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS, timedOut)))]);
  clearTimeout(timer);
  if (result === timedOut) {
    // Only our own process group: the stack ignored SIGTERM for too long.
    process.kill(-child.pid, 'SIGKILL');
    await exited;
    throw new Error(`devstack did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
  }
}
