/** IPC channel names and the app:// origin, shared by the main process and the preload script. */
export const CALL_CHANNEL = 'countersign:call';
export const EVENT_CHANNEL = 'countersign:event';
export const APP_SCHEME = 'app';
export const APP_HOST = 'countersign';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
