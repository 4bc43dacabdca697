// The lab layer's public face: load a lab, build its world, grade it, run its solution.

export { LabError } from './errors';
export { parseLab, instantiateLab } from './parse';
export { buildLabWorld, runSolution, labWorldSpec, LabEnvironmentError, attemptOf, solutionParts, type SolutionPart } from './environment';
export { gradeLab, gradeChecks } from './grade';
export { proveLab, proveLabSeeds, proofSeeds, type Proof } from './prove';
export { evaluateCheck, type Verdict } from './checks';
export { runScript, splitStatements, type ScriptOptions, type ScriptResult } from './script';
export { evalPath, parsePath, type PathSegment } from './path';
export { CHECK_TYPES } from './parse-checks';
export { CHECK_FIELDS, TABLES, type FieldSpec, type FieldTable } from './fields';
export { labSchema } from './schema';
export { exportEnvironment, exportEnvironmentYaml } from './export';
export * from './types';
