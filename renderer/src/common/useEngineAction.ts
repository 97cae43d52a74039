// An engine call the analyst starts (save, remove, test, export, ...): busy while it runs, the last error cleared as
// it starts and its failure kept for ErrorText. One rule for every button and form, so they all behave alike.
import { useCallback, useState } from 'react';

export interface RunOptions {
  /** A success takes the view away (a dialog closes, the page reloads): it stays busy, so nothing is sent twice. */
  leaving?: boolean;
}

export interface EngineAction {
  busy: boolean;
  /** The last call's failure (a ReviewerError or the preload's plain `{ code, message }`); null once another starts. */
  error: unknown;
  /** Runs `action`; resolves to whether it succeeded and never rejects (the failure is in `error`). */
  run(action: () => Promise<unknown>, options?: RunOptions): Promise<boolean>;
  /** The input the error was about changed: stop showing it. */
  clearError(): void;
}

export function useEngineAction(): EngineAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<unknown>, options: RunOptions = {}) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (!options.leaving) setBusy(false);
      return true;
    } catch (e) {
      setError(e);
      setBusy(false);
      return false;
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
