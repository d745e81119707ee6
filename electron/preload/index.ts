/** Preload entry (sandboxed, bundled to CommonJS): exposes the bridge of bridge.ts. */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { exposeBridge } from './bridge';

exposeBridge({ contextBridge, ipcRenderer, webUtils });
