// `npm start`: install what is missing, then serve the app with hot reload (labs included).
import { ensureDeps, run } from './ensure-deps.mjs';

ensureDeps();
console.log('\nCKA Lab: open http://localhost:5173/\n');
process.exit(run('npx', ['vite', '--port', '5173', '--strictPort', ...process.argv.slice(2)]));
