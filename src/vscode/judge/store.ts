/**
 * Where votes live: VS Code's workspace state (the default: votes about this project's code) or global state
 * (`llmCompare.votes.scope: "global"`: one leaderboard across projects). Plain JSON in the same shape as the export,
 * re-validated on every read so a hand-edited or older state cannot break the leaderboard.
 */
import { parseVote } from '../../core/judge/parse';
import type { Vote } from '../../core/judge/votes';
import type { StateStore } from '../panel/history';

export const VOTES_KEY = 'llmCompare.votes';
/** Far more than a person casts; keeps the state (loaded on every start) bounded. Oldest go first. */
export const VOTES_LIMIT = 5000;

export class VoteStore {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly state: () => StateStore) {}

  all(): Vote[] {
    const raw = this.state().get<unknown>(VOTES_KEY);
    if (!Array.isArray(raw)) return [];
    return raw.map(parseVote).filter((v): v is Vote => v !== null);
  }

  async add(vote: Vote): Promise<void> {
    const votes = [...this.all(), vote].slice(-VOTES_LIMIT);
    await this.state().update(VOTES_KEY, votes);
    this.changed();
  }

  async reset(): Promise<void> {
    await this.state().update(VOTES_KEY, []);
    this.changed();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
