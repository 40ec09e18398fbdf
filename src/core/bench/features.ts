/** The feature comparison table: what `provider.describe` knows, next to what this run measured. */
import type { ModelInfo } from '../providers/types';
import type { FeatureRow, ModelSummary } from './types';

export function featureRow(info: ModelInfo, summary: ModelSummary | undefined): FeatureRow {
  return {
    id: info.id,
    label: info.label,
    provider: info.provider,
    location: info.location,
    parameters: info.parameters,
    quantization: info.quantization,
    sizeBytes: info.sizeBytes,
    contextWindow: info.contextWindow,
    needsInternet: info.location === 'online',
    needsApiKey: info.needsApiKey,
    streaming: info.streaming,
    medianTotalMs: summary?.totalMs.median ?? null,
    medianTtftMs: summary?.ttftMs.median ?? null,
    medianTokensPerSecond: summary?.tokensPerSecond.median ?? null,
    passAt1: summary?.passAt1 ?? null,
  };
}
