// Raw @node-rs/argon2 verify throughput in a plain Node process: the ceiling a login route can
// approach on this machine with the same parameters. Started by run.mjs; answers over IPC.
//   message {run: {seconds, concurrency}} -> {verifies, seconds, rps, p99Ms}
import { hash, verify } from '@node-rs/argon2';

const params = JSON.parse(process.env.ARGON2_PARAMS_JSON ?? '{}');
const password = 'Bench-password-2025';
const encoded = await hash(password, params);

async function run(seconds, concurrency) {
  const until = performance.now() + seconds * 1000;
  const latencies = [];
  const worker = async () => {
    while (performance.now() < until) {
      const start = performance.now();
      if (!(await verify(encoded, password))) throw new Error('verify failed');
      latencies.push(performance.now() - start);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    verifies: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}

process.on('message', async (message) => {
  if (message?.run) process.send?.({ result: await run(message.run.seconds, message.run.concurrency) });
  if (message?.exit) process.exit(0);
});
process.send?.({ ready: true });
