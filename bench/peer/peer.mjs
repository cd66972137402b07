// The peer of the benchmark: runs a BPMN process with one user task on bpmn-engine (Node.js), either in memory or
// persisting the engine's state to Azure Table Storage (Azurite) through @azure/data-tables after every wait, and
// prints one JSON object with instances/s and latencies. Usage:
//   node bench/peer/peer.mjs --bpmn FILE --task review --mode memory|tables --concurrency 8 --count 200 \
//        [--connection "DefaultEndpointsProtocol=http;...;TableEndpoint=http://127.0.0.1:PORT/devstoreaccount1;"]
// Each instance is started, waits in its user task, and the task is then completed (signalled), as a worker would.
// In "tables" mode the start ends with the state written to a table, and the completion reads it back, recovers the
// engine, signals the task and writes the final state: one read and two writes per instance, like a durable engine.
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Engine } from 'bpmn-engine';
import { TableClient } from '@azure/data-tables';

const args = parseArgs(process.argv.slice(2));
const source = readFileSync(args.bpmn, 'utf8');
const taskId = args.task ?? 'review';
const mode = args.mode ?? 'memory';
const concurrency = Number(args.concurrency ?? 1);
const count = Number(args.count ?? 100);
const warmup = Number(args.warmup ?? Math.min(20, count));

// Azure Tables limits a string property to 32K characters; the state is split across as many as it needs.
const Chunk = 30_000;

// Parsing BPMN XML (bpmn-moddle) dominates a fresh engine's cost; a service would parse each deployed process once,
// so the peer does too and hands every engine the serialized context.
const sourceContext = await new Engine()._serializeSource(source);

let table;
if (mode === 'tables') {
  if (!args.connection) throw new Error('--connection is required in tables mode');
  table = TableClient.fromConnectionString(args.connection, args.table ?? 'PeerState', { allowInsecureConnection: true });
  await table.createTable().catch((e) => { if (e.statusCode !== 409) throw e; });
}

function parseArgs(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i += 2) parsed[argv[i].replace(/^--/, '')] = argv[i + 1];
  return parsed;
}

function waitForTask(listener) {
  return new Promise((resolve) => {
    listener.once('wait', (api) => resolve(api));
  });
}

async function save(id, state) {
  const json = JSON.stringify(state);
  const entity = { partitionKey: id, rowKey: 'state', parts: Math.ceil(json.length / Chunk) };
  for (let i = 0; i * Chunk < json.length; i++) entity[`s${i}`] = json.slice(i * Chunk, (i + 1) * Chunk);
  await table.upsertEntity(entity, 'Replace');
}

async function load(id) {
  const entity = await table.getEntity(id, 'state');
  let json = '';
  for (let i = 0; i < entity.parts; i++) json += entity[`s${i}`];
  return JSON.parse(json);
}

// Starts an instance and lets it run until it waits in the user task; returns what completing it needs.
async function start(id) {
  const listener = new EventEmitter();
  const waiting = waitForTask(listener);
  const engine = new Engine({ name: id, sourceContext });
  await engine.execute({ listener });
  const api = await waiting;
  if (mode === 'tables') {
    await save(id, await engine.getState());
    await engine.stop();
    return { id };
  }
  return { id, engine, api };
}

// Completes the waiting task and runs the instance to its end.
async function complete(handle) {
  if (mode === 'tables') {
    const state = await load(handle.id);
    const listener = new EventEmitter();
    const waiting = waitForTask(listener);
    const engine = new Engine({ name: handle.id }).recover(state);
    const ended = engine.waitFor('end');
    await engine.resume({ listener });
    const api = await waiting;
    api.signal();
    await ended;
    await save(handle.id, await engine.getState());
    return;
  }
  const ended = handle.engine.waitFor('end');
  handle.api.signal();
  await ended;
}

async function run(total, prefix) {
  const startLatencies = [];
  const completeLatencies = [];
  let next = 0;
  const began = performance.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const id = `${prefix}${i}`;
      const t0 = performance.now();
      const handle = await start(id);
      const t1 = performance.now();
      await complete(handle);
      const t2 = performance.now();
      startLatencies.push(t1 - t0);
      completeLatencies.push(t2 - t1);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - began) / 1000;
  return { seconds, startLatencies, completeLatencies };
}

function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const runId = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
await run(warmup, `${runId}w`);
const measured = await run(count, `${runId}m`);
const summary = (values) => ({ p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) });
process.stdout.write(JSON.stringify({
  mode,
  concurrency,
  count,
  seconds: measured.seconds,
  instancesPerSecond: count / measured.seconds,
  start: summary(measured.startLatencies),
  complete: summary(measured.completeLatencies),
}) + '\n');
