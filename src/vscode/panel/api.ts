/** How other features (Explain selection, commands) drive the comparison view without knowing its internals. */
import type { ChatMessage } from '../../core/providers/types';

export interface PanelRunRequest {
  kind: 'compare' | 'explain';
  /** What the view shows as the prompt. */
  prompt: string;
  /** What is actually sent (context included); default: `prompt` as one user message. */
  messages?: ChatMessage[];
  /** Slot ids to run; undefined = every configured model. */
  modelIds?: string[];
}

export interface ComparePanelApi {
  /** Shows the view (side bar), creating it if needed. */
  reveal(): Promise<void>;
  /** Shows the view and runs the request in it, streaming every column. Resolves when the run is started. */
  run(request: PanelRunRequest): Promise<void>;
}
