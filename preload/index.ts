/**
 * Electron preload, built as CommonJS so the window can be sandboxed. It exposes exactly one
 * `Port` (see workers/common/bridge.ts); the renderer builds its typed host client on it.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../workers/common/bridge.ts';
import { createBridgePort } from './bridge-port.ts';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridgePort(ipcRenderer));
