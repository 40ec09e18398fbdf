/**
 * The Ollama and Hugging Face simulators for the stream figures, in a process of their own so that the bench
 * process's CPU time is the client's alone. Prints `{"ollama": url, "huggingface": url}` once listening; exits with
 * its parent (stdin closes).
 */
import { startHfSim, type HfSimChatReply } from '../../test/support/hf-sim';
import { startOllamaSim } from '../../test/support/ollama-sim';
import { BURST_TOKENS, burstTokens, MODELS, PACED_GAP_MS, PACED_PROMPT_MS, PACED_TOKENS, PARALLEL_GAP_MS, PARALLEL_TOKENS, pacedTokens } from './workload';

async function main(): Promise<void> {
  const ollama = await startOllamaSim({
    models: [
      { name: MODELS.burst, tokens: burstTokens(BURST_TOKENS) },
      { name: MODELS.paced, tokens: pacedTokens(PACED_TOKENS), promptEvalMs: PACED_PROMPT_MS, paceMs: PACED_GAP_MS },
      { name: MODELS.parallel, tokens: pacedTokens(PARALLEL_TOKENS), paceMs: PARALLEL_GAP_MS },
    ],
  });
  const replies: Record<string, HfSimChatReply> = {
    [MODELS.burst]: { chunks: burstTokens(BURST_TOKENS), burst: true },
    // One timer tick after the headers, then one chunk per gap: the paced Ollama model's schedule, as SSE.
    [MODELS.paced]: { chunks: pacedTokens(PACED_TOKENS), headerDelayMs: PACED_PROMPT_MS, chunkDelayMs: PACED_GAP_MS },
    [MODELS.parallel]: { chunks: pacedTokens(PARALLEL_TOKENS), chunkDelayMs: PARALLEL_GAP_MS },
  };
  const hf = await startHfSim({ chat: (req) => replies[(req.body as { model?: string } | null)?.model ?? ''] ?? { status: 404, body: { error: 'unknown model' } } });
  process.stdout.write(`${JSON.stringify({ ollama: ollama.url, huggingface: hf.url })}\n`);
  const stop = () => void Promise.all([ollama.close(), hf.close()]).then(() => process.exit(0));
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

void main();
