// Preload: exposes the ReviewerApi bridge (filled by the reviewer app issue), nothing else.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('countersignHost', { host: 'electron' });
