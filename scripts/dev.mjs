#!/usr/bin/env node
// `npm run dev`: the server (restarted on change) and Vite's dev server with hot reload, which
// proxies /api to the server. Open the address Vite prints.
import { spawn } from 'node:child_process';

const env = { ...process.env, TZ: 'UTC' };
const server = spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], { stdio: 'inherit', env });
const vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'web/vite.config.ts'], { stdio: 'inherit', env });
const stop = () => {
  server.kill('SIGTERM');
  vite.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', stop);
vite.on('exit', stop);
