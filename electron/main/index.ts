/** Electron main entry (out/main/index.js): one instance, then the shell of app.ts. */
import { app } from 'electron';
import { startApp } from './app';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startApp(import.meta.url).catch((err: unknown) => {
    console.error('Segment Workbench failed to start:', err);
    app.exit(1);
  });
}
