/** The engine's event fan-out to hosts. A throwing listener never breaks the engine or the other listeners. */
import type { ReviewerEvent } from '../../shared/reviewer-api.js';

export type EventListener = (event: ReviewerEvent) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ReviewerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error('countersign: event listener failed:', err instanceof Error ? err.message : err);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
