/**
 * The built-in engine as the views see it: the engine of the current registry (made, never started, here), its state
 * as an EngineView, and one event for every change of state or files. The services own one of these.
 */
import * as vscode from 'vscode';
import type { AttachedEngine } from '../../core/engine';
import type { EngineState, LlamaEngine } from '../../core/engine/engine';
import type { BuiltInEngine } from '../services';
import type { EngineView } from './view';

export class EngineWatch implements BuiltInEngine, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private watched: LlamaEngine | undefined;
  private unwatch: (() => void) | undefined;

  /**
   * `attached`: the current registry's engine (building the registry if needed); undefined when settings are invalid.
   * `forget`: drops that engine (stopping it), so that the next use looks for its files afresh.
   */
  constructor(private readonly attached: () => Promise<AttachedEngine | undefined>, private readonly forget: () => void) {}

  async view(): Promise<EngineView> {
    const attached = await this.attached().catch(() => undefined);
    if (!attached) return { phase: 'missing', detail: 'The settings are invalid (see the Problems message).', log: '' };
    let engine: LlamaEngine;
    try {
      // Makes the engine object if its files are there (no process yet); throws the "what is missing" ConfigError.
      engine = attached.engine();
    } catch (e) {
      return { phase: 'missing', detail: (e as Error).message, log: '' };
    }
    this.watch(engine);
    return viewOf(engine.status(), engine.log());
  }

  /** Follows this engine's state changes (a new registry brings a new engine; the old one is let go). */
  watch(engine: LlamaEngine): void {
    if (this.watched === engine) return;
    this.unwatch?.();
    this.watched = engine;
    this.unwatch = engine.onStatus(() => this.changed.fire());
  }

  async stop(): Promise<void> {
    const attached = await this.attached().catch(() => undefined);
    await attached?.stop();
  }

  /** The registry changed (new settings): the next view looks again. */
  reset(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.watched = undefined;
    this.changed.fire();
  }

  /** Files appeared or went: an engine made earlier would still point at them, so a fresh one is made on next use. */
  filesChanged(): void {
    this.forget();
    this.changed.fire();
  }

  dispose(): void {
    this.unwatch?.();
    this.changed.dispose();
  }
}

function viewOf(s: EngineState, log: string): EngineView {
  switch (s.state) {
    case 'stopped':
      return { phase: 'stopped', detail: 'Its files are here; it starts when a built-in engine model is first used.', log };
    case 'starting':
      return { phase: 'starting', detail: 'Starting llama-server…', log };
    case 'loading':
      return { phase: 'loading', detail: `Loading the model at ${s.baseUrl}…`, log };
    case 'ready':
      return { phase: 'ready', detail: `Running at ${s.baseUrl} (pid ${s.pid}${s.restarts ? `, restarted ${s.restarts}×` : ''}).`, log };
    case 'failed':
      return { phase: 'failed', detail: s.error.message.split('\n')[0], log };
  }
}
