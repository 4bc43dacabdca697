// Entry point run by bin/cka-lab.mjs: the exit status is the command's.

import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
