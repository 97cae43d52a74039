// What the queue does when the row under the selection changes while a case is open. The detail follows the
// selection, so a/d act on what is on screen; but a list that moved under the analyst (a sync added or reordered
// rows) must not swap the open case for whichever session now sits at that place.

export interface SelectedRow {
  index: number;
  id: string;
}

export type FollowAction =
  /** The open session is still listed elsewhere: the selection moves with it, the case stays. */
  | { kind: 'move'; index: number }
  /** The analyst moved the selection, or the open session left the list (decided): open what is selected now. */
  | { kind: 'open'; id: string }
  | null;

export function followSelection(
  before: SelectedRow | null,
  now: SelectedRow,
  openSessionId: string | null,
  indexOf: (sessionId: string) => number,
): FollowAction {
  if (before === null || before.id === now.id || openSessionId !== before.id) return null;
  if (before.index === now.index) {
    const moved = indexOf(before.id);
    if (moved >= 0) return { kind: 'move', index: moved };
  }
  return { kind: 'open', id: now.id };
}
