/**
 * Renderer entry: picks the platform (Electron bridge or WebSocket), builds the store over its API,
 * wires connection state and the OS colour scheme, and mounts the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { PlatformProvider } from './app/platformContext';
import { createPlatform } from './platform/platform';
import { createWorkbenchStore } from './store/createWorkbenchStore';
import { WorkbenchProvider } from './store/react';
import './styles/app.css';

const platform = createPlatform();
const media = window.matchMedia('(prefers-color-scheme: dark)');
const store = createWorkbenchStore(platform.api, {
  stageFile: (f) => platform.files.stage(f),
  storage: window.localStorage,
  systemPrefersDark: () => media.matches,
});
media.addEventListener('change', (e) => store.getState().setSystemDark(e.matches));
store.getState().setConnection(platform.connection.get());
platform.connection.subscribe((s) => store.getState().setConnection(s));
platform.files.onShellFiles?.((files) => void store.getState().importFiles(files));
store.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <PlatformProvider platform={platform}>
      <WorkbenchProvider store={store}>
        <App />
      </WorkbenchProvider>
    </PlatformProvider>
  </StrictMode>,
);
