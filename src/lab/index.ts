// The lab layer's public face: load a lab, build its world, grade it, run its solution.

export { LabError } from './errors';
export { parseLab } from './parse';
export { buildLabWorld, runSolution, labWorldSpec, LabEnvironmentError } from './environment';
export { gradeLab, gradeChecks } from './grade';
export { proveLab, type Proof } from './prove';
export { evaluateCheck, type Verdict } from './checks';
export { runScript, splitStatements, type ScriptOptions, type ScriptResult } from './script';
export { evalPath, parsePath, type PathSegment } from './path';
export { CHECK_TYPES } from './parse-checks';
export * from './types';
