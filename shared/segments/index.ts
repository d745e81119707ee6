/**
 * Public surface of the segment language (pure TypeScript: no Node, no DOM).
 * - Model & schema: types of rules, metrics, definitions and files; zod schemas; the operators table.
 * - Validation: `validateDefinition(def, schemas)` → diagnostics with paths; never throws.
 * - Files: `readDefinitionFile`, `appendVersion`, `createDefinitionFile`, `serializeDefinitionFile`,
 *   `hashDefinition`, `canonicalJson`, `parseStrictJson`.
 * - Compatibility: `collectFields`, `checkCompat`. Diffs: `diffDefinitions`. Text: `describeRule`.
 * - Compiler (./compiler): `compileSegment`, `compileScheme`, `compileWhere`, `prepareDefinition`.
 * - JSON Schema: `segmentFileJsonSchema`, `schemeFileJsonSchema`.
 */
export * from './model';
export * from './schema';
export { OPERATORS, OPERAND_KEYS, acceptsFamily, opsForFamily } from './operators';
export type { OperatorSpec, OperandShape } from './operators';
export { typeInfo, familyOf, describeFamilies } from './types';
export type { Family, TypeInfo, NumberKind, TimestampKind } from './types';
export { validateDefinition } from './validate';
export type { ValidateOptions } from './validate';
export { buildScope, metricType } from './scope';
export type { Scope, ScopeEntry } from './scope';
export { canonicalJson, compareCodePoints } from './canonicalJson';
export { sha256Hex, sha256HexOfString, utf8Encode } from './sha256';
export { hashDefinition } from './hash';
export { parseStrictJson } from './strictJson';
export type { JsonIssue, StrictJsonResult } from './strictJson';
export {
  readDefinitionFile,
  appendVersion,
  createDefinitionFile,
  serializeDefinitionFile,
  selectVersion,
} from './file';
export type { ReadOptions, ReadResult } from './file';
export { schemasFromFields, fieldsFromSchemas } from './fieldsRecord';
export { collectFields, collectReads, checkCompat } from './compat';
export type { CompatReport, FieldChange } from './compat';
export { diffDefinitions } from './diff';
export type { DiffEntry } from './diff';
export { describeRule, describeOperation, describeMetric } from './describe';
export { segmentFileJsonSchema, schemeFileJsonSchema } from './jsonSchema';
export * as dates from './dates';
export * from './compiler';
export { resolveAsOf } from './asOf';
export type { AsOfInputs, ResolvedAsOf } from './asOf';
export {
  childrenOf,
  diagnosticPath,
  getAt,
  groupKind,
  insertAt,
  isGroup,
  moveNode,
  parseDiagnosticPath,
  removeAt,
  setGroupKind,
  toggleNot,
  updateAt,
  wrapAt,
} from './ruleTree';
export type { GroupKind, RulePath } from './ruleTree';
