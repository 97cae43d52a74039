// Score thresholds the analyst is shown scores against (0..100). Below them a score is flagged.
export const FACE_MATCH_THRESHOLD = 70;
export const LIVENESS_THRESHOLD = 70;
