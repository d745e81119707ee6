/**
 * The rules of a definition as the builder edits them: a segment's `where`, or a scheme's tiers and
 * `otherwise`. Read-only for a saved version being viewed.
 */
import { isSchemeDefinition, type Definition, type Diagnostic } from '../../../shared/segments/model';
import type { FieldOption } from '../../store/builder/conditions';
import { WHERE } from '../../store/builder/ruleLocation';
import { RuleEditor } from './RuleEditor';
import { TiersEditor } from './TiersEditor';

export function DefinitionRules({
  definition,
  fields,
  diagnostics,
  readOnly = false,
}: {
  definition: Definition;
  fields: FieldOption[];
  diagnostics: Diagnostic[];
  readOnly?: boolean;
}) {
  if (isSchemeDefinition(definition))
    return <TiersEditor scheme={definition} fields={fields} diagnostics={diagnostics} readOnly={readOnly} />;
  return (
    <RuleEditor at={WHERE} rule={definition.where} fields={fields} diagnostics={diagnostics} readOnly={readOnly} />
  );
}
